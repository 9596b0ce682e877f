using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Execution;

namespace Panel.Migrations.Fleet;

/// <summary>
/// Where a fleet's databases come from: a file of URIs or connection strings, or a SQL query that returns them. Code that
/// has its own list (a callback, a tenant service) builds members with <see cref="FleetMember.Parse"/> or
/// <see cref="FleetMember.FromOptions"/> and hands the list to <see cref="FleetUpgrade.RunAsync"/>.
/// </summary>
public static class FleetMembers
{
    /// <summary>
    /// The members listed in <paramref name="path"/>, one URI or connection string a line; blank lines and lines that begin
    /// with <c>#</c> are skipped.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="DatabaseUriException">A line is not a database; the message names the line (password masked).</exception>
    public static IReadOnlyList<FleetMember> ReadFile(string path, string? baseDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path, baseDirectory ?? Environment.CurrentDirectory);
        if (!File.Exists(full))
            throw new FileNotFoundException($"There is no member list at {full}: give a file with one database URI or connection string a line.", full);
        var members = new List<FleetMember>();
        var number = 0;
        foreach (var line in File.ReadLines(full))
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
                continue;
            try
            {
                members.Add(FleetMember.Parse(text, Path.GetDirectoryName(full)));
            }
            catch (DatabaseUriException error)
            {
                throw new DatabaseUriException($"{full}, line {number}: {error.Message}", error);
            }
        }

        return members;
    }

    /// <summary>
    /// The members that <paramref name="sql"/> returns from the database of <paramref name="uri"/>: the first column of each
    /// row, a URI or a connection string (e.g. <c>SELECT database_uri FROM tenants WHERE active</c>).
    /// </summary>
    /// <exception cref="DatabaseUriException">A row is not a database; the message names the row (password masked).</exception>
    public static async Task<IReadOnlyList<FleetMember>> QueryAsync(string uri, string sql, string? baseDirectory = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        var source = DatabaseUri.Parse(uri, baseDirectory);
        await using DbConnection connection = source.Kind switch
        {
            DatabaseKind.PostgreSql or DatabaseKind.MySql => DatabaseProviders.For(source.Kind).CreateConnection(source.ToConnectionString()),
            DatabaseKind.Sqlite when DatabaseSupport.Sqlite => new SqliteConnection(source.ToConnectionString()),
            var kind => throw DatabaseSupport.NotCarried(kind),
        };
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var members = new List<FleetMember>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var text = reader.IsDBNull(0) ? "" : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "";
                try
                {
                    members.Add(FleetMember.Parse(text, baseDirectory));
                }
                catch (DatabaseUriException error)
                {
                    throw new DatabaseUriException($"Row {members.Count + 1} of the member query: {error.Message}", error);
                }
            }

            return members;
        }
        catch (DbException error)
        {
            throw new MigrationException($"The member query on {source} failed: {SecretMasker.MaskText(error.Message, source.RevealPassword())}", error);
        }
    }
}
