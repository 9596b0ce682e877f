using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Panel.Migrations.Fleet;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Fleet;

/// <summary>
/// A fleet of 50 SQLite files and 20 PostgreSQL databases at revision 001, with broken members of each kind: each broken one is
/// recorded with its kind and message, every other one is upgraded to head, and no password is stored or printed.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FleetBrokenMembersTests(PostgresFixture postgres) : IDisposable
{
    private const string WrongPassword = "wrong-Secret-4711";
    private readonly SqliteFiles _files = new();

    [PostgresFact]
    public async Task Each_broken_member_is_recorded_with_its_kind_and_the_rest_are_upgraded()
    {
        var seed = await FleetDatabases.SeedAsync(_files.Folder);
        var files = FleetDatabases.Copies(seed, _files.Folder, 50);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal); // member line -> the kind it must fail with
        var lines = files.Select(f => "sqlite:///" + f).ToList();

        FleetDatabases.Sqlite(files[3], "DROP TABLE alembic_version");
        expected[lines[3]] = "refused"; // unversioned
        FleetDatabases.Sqlite(files[7], "UPDATE alembic_version SET version_num = 'ffffffffffff'");
        expected[lines[7]] = "refused"; // newer than the code
        FleetDatabases.Sqlite(files[11], "UPDATE panel_migrations_log SET checksum = 'edited' WHERE revision = '001'");
        expected[lines[11]] = "refused"; // an applied migration edited since
        var missing = "sqlite:///" + Path.Combine(_files.Folder, "gone", "panel.db");
        lines.Add(missing);
        expected[missing] = "missing";

        var connections = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var connection = await postgres.CreateDatabaseAsync();
            await new MigrationRunner(FleetDatabases.Map, MigrationOptions.ForPostgreSql(connection)).UpgradeAsync("001");
            connections.Add(connection);
        }

        var password = FleetDatabases.Password(connections[0]);
        var pgLines = connections.Select(c => FleetDatabases.Uri(c)).ToList();
        pgLines[19] = new NpgsqlConnectionStringBuilder(connections[19]).ConnectionString; // a connection string, not a URI
        await Pg(connections[2], "DROP TABLE alembic_version");
        expected[pgLines[2]] = "refused";
        await Pg(connections[4], "UPDATE alembic_version SET version_num = 'ffffffffffff'");
        expected[pgLines[4]] = "refused";
        await Pg(connections[6], "UPDATE panel_migrations_log SET checksum = 'edited' WHERE revision = '001'");
        expected[pgLines[6]] = "refused";
        pgLines[8] = FleetDatabases.Uri(connections[8], WrongPassword);
        expected[pgLines[8]] = "authentication";
        var unreachable = $"postgresql://panel:{WrongPassword}@127.0.0.1:1/panel";
        pgLines.Add(unreachable);
        expected[unreachable] = "unreachable";
        expected[pgLines[10]] = "locked";
        lines.AddRange(pgLines);
        var memberFile = Path.Combine(_files.Folder, "members.txt");
        await File.WriteAllLinesAsync(memberFile, lines.Prepend("# the fleet of this test"));

        (int Code, string Output, string Error) result;
        await using (var pgLock = new NpgsqlConnection(connections[10]))
        await using (var sqliteLock = new SqliteConnection($"Data Source={files[20]};Pooling=False"))
        {
            await pgLock.OpenAsync();
            await pgLock.ExecuteAsync($"SELECT pg_advisory_lock({Panel.Migrations.Execution.PostgreSqlAdapter.LockKey("alembic_version")})");
            await sqliteLock.OpenAsync();
            await sqliteLock.ExecuteAsync("BEGIN IMMEDIATE");
            expected[lines[20]] = "locked";
            result = await FleetDatabases.CliAsync(_files.Folder, "fleet", "upgrade", "--members", memberFile, "--run", "broken", "--continue-on-error",
                                                   "--parallel", "4", "--lock-timeout", "1");
        }

        Assert.Equal(3, result.Code);
        var state = await FleetState.OpenAsync(Path.Combine(_files.Folder, "fleet-state.db"));
        var rows = await state.MembersAsync("broken");
        Assert.Equal(lines.Count, rows.Count);
        var byLine = lines.Select((line, i) => (line, row: rows.Single(r => r.Position == i))).ToArray();
        foreach (var (line, row) in byLine)
        {
            if (expected.TryGetValue(line, out var kind))
            {
                Assert.True(row.Status == FleetMemberStatus.Failed && row.ErrorKind == kind, $"{row.Display}: expected failed ({kind}), got {row.Status} ({row.ErrorKind}): {row.Error}");
                Assert.False(string.IsNullOrWhiteSpace(row.Error));
            }
            else
            {
                Assert.True(row.Status == FleetMemberStatus.Upgraded, $"{row.Display}: {row.Status} {row.Error}");
                Assert.Equal(FleetDatabases.Head, row.RevisionAfter);
                Assert.Equal("001", row.RevisionBefore);
                Assert.Equal(1, row.Attempts);
            }
        }

        // The databases themselves, read independently: upgraded ones at head, refused ones as they were.
        Assert.All(files.Where((_, i) => !expected.ContainsKey(lines[i])), f => Assert.Equal(FleetDatabases.Head, FleetDatabases.SqliteVersion(f)));
        Assert.Equal("ffffffffffff", FleetDatabases.SqliteVersion(files[7]));
        Assert.Equal("001", FleetDatabases.SqliteVersion(files[11]));
        Assert.Equal("001", FleetDatabases.SqliteVersion(files[20]));
        Assert.False(File.Exists(Path.Combine(_files.Folder, "gone", "panel.db")));
        await using (var check = new NpgsqlConnection(connections[0]))
            Assert.Equal(FleetDatabases.Head, await check.QuerySingleAsync<string>("SELECT version_num FROM alembic_version"));
        await using (var check = new NpgsqlConnection(connections[19]))
            Assert.Equal(FleetDatabases.Head, await check.QuerySingleAsync<string>("SELECT version_num FROM alembic_version"));
        await using (var check = new NpgsqlConnection(connections[10]))
            Assert.Equal("001", await check.QuerySingleAsync<string>("SELECT version_num FROM alembic_version"));

        // No password in the state's rows, in the output or in the status report.
        var status = await FleetDatabases.CliAsync(_files.Folder, "fleet", "status", "broken", "--json");
        // (Assert.False, not DoesNotContain: a failure must not print the test server's password.)
        var texts = new[] { ("state", FleetDatabases.StateText(Path.Combine(_files.Folder, "fleet-state.db"))), ("output", result.Output), ("errors", result.Error), ("status", status.Output) };
        foreach (var (where, text) in texts)
        {
            Assert.False(text.Contains(password, StringComparison.Ordinal), $"The server's password is in the {where}.");
            Assert.False(text.Contains(WrongPassword, StringComparison.Ordinal), $"The wrong password is in the {where}.");
        }

        Assert.Contains("\"failed\": 11", status.Output, StringComparison.Ordinal);
        Assert.Contains("\"authentication\"", status.Output, StringComparison.Ordinal);
    }

    private static async Task Pg(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync(sql);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        _files.Dispose();
    }
}
