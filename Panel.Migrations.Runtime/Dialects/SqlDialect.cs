using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Dialects;

/// <summary>
/// Renders operations as the SQL of one database. Rendering is pure (no connection), which is what
/// makes offline <c>--sql</c> output possible; identifiers are always quoted, values always parameters.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>The database this dialect speaks to.</summary>
    public abstract DatabaseKind Kind { get; }

    /// <summary>Whether DDL takes part in transactions (PostgreSQL and SQLite: yes; MySQL: no).</summary>
    public abstract bool TransactionalDdl { get; }

    /// <summary>Quotes an identifier, doubling any quote character inside it.</summary>
    public abstract string Quote(string identifier);

    /// <summary>The declared type of a portable type.</summary>
    public abstract string RenderType(SqlType type);

    /// <summary>The statements that perform <paramref name="operation"/>.</summary>
    /// <exception cref="MigrationException">The operation cannot be done on this database; the message says what to use instead.</exception>
    public abstract IReadOnlyList<SqlStatement> Render(MigrationOperation operation);

    /// <summary>A value written as a SQL literal: only for offline <c>--sql</c> scripts, never for statements the executor runs.</summary>
    public virtual string RenderLiteral(object? value) => value switch
    {
        null => "NULL",
        string s => "'" + s.Replace("'", "''") + "'",
        bool b => b ? "1" : "0",
        byte[] bytes => "X'" + Convert.ToHexString(bytes) + "'",
        DateTime d => "'" + d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "'",
        DateTimeOffset d => "'" + d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture) + "'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => "'" + value.ToString()!.Replace("'", "''") + "'",
    };

    /// <summary>A comma-separated list of quoted identifiers.</summary>
    public string QuoteList(IEnumerable<string> identifiers)
    {
        var text = new StringBuilder();
        foreach (var identifier in identifiers)
        {
            if (text.Length > 0)
                text.Append(", ");
            text.Append(Quote(identifier));
        }
        return text.ToString();
    }
}
