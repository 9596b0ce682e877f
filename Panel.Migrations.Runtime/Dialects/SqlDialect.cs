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
    /// <summary>The version table's only column, as Alembic names it.</summary>
    public const string VersionColumn = "version_num";

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

    /// <summary>
    /// Creates the version table in Alembic's exact shape, unless it exists:
    /// <c>version_num VARCHAR(32) NOT NULL</c> with a primary key named <c>&lt;table&gt;_pkc</c>, so that
    /// databases Alembic already manages carry on unchanged.
    /// </summary>
    /// <param name="table">The version table, normally <c>alembic_version</c>.</param>
    public virtual string CreateVersionTable(string table) =>
        $"CREATE TABLE IF NOT EXISTS {Quote(table)} ({Quote(VersionColumn)} VARCHAR(32) NOT NULL, CONSTRAINT {Quote(table + "_pkc")} PRIMARY KEY ({Quote(VersionColumn)}))";

    /// <summary>
    /// The clause after <c>CREATE TABLE (...)</c> that stores a bookkeeping table in its primary key alone (SQLite's
    /// <c>WITHOUT ROWID</c>: one b-tree to write per row instead of the table and its key's index); empty elsewhere.
    /// </summary>
    public virtual string KeyOnlyTableSuffix => "";

    /// <summary>Reads the current heads: one row per head, one column <c>version_num</c>.</summary>
    /// <param name="table">The version table.</param>
    public virtual string SelectVersions(string table) =>
        $"SELECT {Quote(VersionColumn)} FROM {Quote(table)}";

    /// <summary>Adds a head; binds <c>@version</c>.</summary>
    /// <param name="table">The version table.</param>
    public virtual string InsertVersion(string table) =>
        $"INSERT INTO {Quote(table)} ({Quote(VersionColumn)}) VALUES (@version)";

    /// <summary>Removes a head; binds <c>@version</c>.</summary>
    /// <param name="table">The version table.</param>
    public virtual string DeleteVersion(string table) =>
        $"DELETE FROM {Quote(table)} WHERE {Quote(VersionColumn)} = @version";

    /// <summary>Moves a head from one revision to another; binds <c>@from</c> and <c>@to</c>.</summary>
    /// <param name="table">The version table.</param>
    public virtual string UpdateVersion(string table) =>
        $"UPDATE {Quote(table)} SET {Quote(VersionColumn)} = @to WHERE {Quote(VersionColumn)} = @from";

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
