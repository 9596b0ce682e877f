using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using AaPanel.Migrations;
using Panel.Migrations.Operations;
using Xunit;

namespace Panel.Migrations.Tests.Sample;

/// <summary>
/// The migrations of samples/AaPanel, without a database: each Up and Down is recorded into a
/// <see cref="MigrationBuilder"/> for SQLite, PostgreSQL and MySQL and checked against aaPanel's own
/// CREATE statements (Sample/aapanel-baseline.sql) and against a paper schema (<see cref="SchemaModel"/>).
/// </summary>
public class SampleMigrationsShapeTests
{
    /// <summary>The 27 tables of a running aaPanel panel, as aapanel-schema.sql lists them (Parts A, B, C).</summary>
    private static readonly string[] BaselineTables =
    [
        // Part A: shipped in data/default.db
        "backup", "binding", "config", "crontab", "databases", "firewall", "ftps", "logs", "sites", "domain", "users", "tasks",
        // Part B: class/jobs.py sql_pacth(), every start
        "site_types", "wp_site_types", "download_token", "git_sites_auth", "site_deploy_status",
        "site_deploy_script", "messages", "temp_login", "database_servers", "security",
        // Part C: the firewall module, every start
        "firewall_new", "firewall_ip", "firewall_trans", "firewall_country", "firewall_domain",
    ];

    /// <summary>The revisions in order: id, parent, message.</summary>
    private static readonly (string Revision, string? DownRevision, string Message)[] History =
    [
        ("001", null, "initial baseline"),
        ("5a1c0e7d9b21", "001", "add site type"),
        ("77b32a0cf307", "5a1c0e7d9b21", "add crontab schedule, backup and notice columns"),
        ("69e6317080f5", "77b32a0cf307", "add log user and user salt"),
        ("e9ed90707fac", "69e6317080f5", "add message delivery columns"),
        ("e7bc2a2f2252", "e9ed90707fac", "add site project columns"),
        ("0fd0242d76ee", "e7bc2a2f2252", "add remote database columns"),
        ("0e7a6bfdf9fe", "0fd0242d76ee", "add firewall rule columns"),
        ("8c7222f0b38b", "0e7a6bfdf9fe", "add deploy auto restart"),
        ("b44225f914de", "8c7222f0b38b", "add site parent"),
        ("b33b0e9ade3e", "b44225f914de", "Add SSL column to sites"),
        ("93b057731d7c", "b33b0e9ade3e", "Create api_keys table"),
    ];

    public static TheoryData<DatabaseKind> Databases => new() { DatabaseKind.Sqlite, DatabaseKind.PostgreSql, DatabaseKind.MySql };

    private sealed record Revision(string Id, string? DownRevision, string? Message, Type Type)
    {
        public Migration Create() => (Migration)Activator.CreateInstance(Type)!;

        public IReadOnlyList<MigrationOperation> Up(DatabaseKind database)
        {
            var op = new MigrationBuilder(database);
            Create().Up(op);
            return op.Operations;
        }

        public IReadOnlyList<MigrationOperation> Down(DatabaseKind database)
        {
            var op = new MigrationBuilder(database);
            Create().Down(op);
            return op.Operations;
        }
    }

    /// <summary>Every migration class of the sample, in history order (the generator's registry does not exist yet).</summary>
    private static IReadOnlyList<Revision> Revisions()
    {
        var found = typeof(InitialBaseline).Assembly.GetTypes()
            .Where(t => typeof(Migration).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<MigrationAttribute>()
                                              ?? throw new InvalidOperationException($"{t.Name} has no [Migration] attribute.")))
            .ToDictionary(x => x.Attribute.Revision, x => new Revision(x.Attribute.Revision, x.Attribute.DownRevision, x.Attribute.Message, x.Type));
        Assert.Equal(History.Select(h => h.Revision).Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
        return History.Select(h => found[h.Revision]).ToArray();
    }

    private static CreateTableOperation[] BaselineCreates(DatabaseKind database) =>
        Revisions()[0].Up(database).OfType<CreateTableOperation>().ToArray();

    [Fact]
    public void The_history_is_linear_from_001_with_the_expected_ids_parents_and_messages()
    {
        var revisions = Revisions();
        Assert.Equal(History.Select(h => (h.Revision, h.DownRevision, (string?)h.Message)),
                     revisions.Select(r => (r.Id, r.DownRevision, r.Message)));
        foreach (var revision in revisions.Skip(1))
            Assert.Matches("^[0-9a-f]{12}$", revision.Id);
        foreach (var revision in revisions)
        {
            var attribute = revision.Type.GetCustomAttribute<MigrationAttribute>()!;
            Assert.Null(attribute.DownRevisions);
            Assert.True(revision.Type.IsSealed && revision.Type.IsPublic, $"{revision.Type.Name} must be public sealed.");
            Assert.Equal("AaPanel.Migrations", revision.Type.Namespace);
        }
    }

    [Fact]
    public void Each_migration_lives_in_a_file_named_after_its_revision()
    {
        var folder = Path.Combine(RepositoryRoot(), "samples", "AaPanel", "Migrations");
        foreach (var revision in Revisions())
        {
            var files = Directory.GetFiles(folder, $"_{revision.Id}_*.cs");
            var file = Assert.Single(files);
            Assert.Matches(@"^_[0-9a-f]+_[A-Z][A-Za-z0-9]*\.cs$", Path.GetFileName(file));
            Assert.Contains($"public sealed class {revision.Type.Name} : Migration", File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void The_baseline_creates_exactly_the_27_tables_of_a_running_panel(DatabaseKind database)
    {
        Assert.Equal(27, BaselineTables.Length);
        Assert.Equal(BaselineTables, LegacySchema.TableNames);
        Assert.Equal(BaselineTables, BaselineCreates(database).Select(c => c.Name));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void The_baseline_keeps_aaPanels_column_names_and_order(DatabaseKind database)
    {
        foreach (var create in BaselineCreates(database))
            Assert.Equal(LegacySchema.Tables[create.Name].Select(c => c.Name), create.Columns.Select(c => c.Name));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void The_baseline_keys_every_table_on_an_autoincrement_id_and_leaves_every_other_column_nullable(DatabaseKind database)
    {
        foreach (var create in BaselineCreates(database))
        {
            var id = create.Columns[0];
            Assert.Equal(("id", true, true, false), (id.Name, id.PrimaryKey, id.AutoIncrement, id.Nullable));
            Assert.Equal(SqlType.Integer, id.Type);
            Assert.All(create.Columns.Skip(1), c => Assert.True(c.Nullable && !c.PrimaryKey && !c.AutoIncrement, $"{create.Name}.{c.Name}"));
            Assert.Empty(create.Constraints);
            Assert.True(LegacySchema.Tables[create.Name][0].PrimaryKey);
        }
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void The_baseline_keeps_aaPanels_defaults_spelled_portably(DatabaseKind database)
    {
        foreach (var create in BaselineCreates(database))
            foreach (var (legacy, column) in LegacySchema.Tables[create.Name].Zip(create.Columns))
                Assert.True(PortableDefault(legacy.Default) == column.ServerDefault,
                            $"{create.Name}.{column.Name}: aaPanel DEFAULT {legacy.Default ?? "(none)"}, baseline {column.ServerDefault ?? "(none)"}");
    }

    [Fact]
    public void On_SQLite_the_baseline_declares_aaPanels_types()
    {
        foreach (var create in BaselineCreates(DatabaseKind.Sqlite))
            foreach (var (legacy, column) in LegacySchema.Tables[create.Name].Zip(create.Columns))
            {
                var declared = legacy.DeclaredType.Split(' ')[0].ToUpperInvariant();
                var expected = declared switch
                {
                    "TEXT" => [SqlType.Text],
                    "INTEGER" or "INT" => new[] { SqlType.Integer, SqlType.Custom("INTEGER") },
                    // Text that aaPanel declares REAL: the declaration is kept so the affinity is aaPanel's.
                    "REAL" => [SqlType.Custom("REAL")],
                    _ => throw new InvalidOperationException($"{create.Name}.{column.Name}: unexpected declared type {legacy.DeclaredType}"),
                };
                Assert.True(expected.Contains(column.Type), $"{create.Name}.{column.Name}: aaPanel declares {legacy.DeclaredType}, baseline has {column.Type}");
            }
    }

    [Theory]
    [InlineData(DatabaseKind.PostgreSql)]
    [InlineData(DatabaseKind.MySql)]
    public void On_the_servers_every_migration_uses_portable_types_only(DatabaseKind database)
    {
        foreach (var revision in Revisions())
            foreach (var column in ColumnsOf(revision.Up(database)))
                Assert.True(column.Type.Kind != SqlTypeKind.Custom, $"{revision.Id}: {column.Name} is {column.Type} on {database}");
    }

    [Fact]
    public void On_SQLite_text_declared_REAL_INTEGER_or_STRING_keeps_its_declaration_and_is_text_elsewhere()
    {
        // The columns where aaPanel stores text under a numeric declaration (aapanel-schema.md, Q2).
        string[] expected =
        [
            "site_types.name REAL", "site_types.ps REAL",
            "download_token.token REAL", "download_token.filename REAL", "download_token.password REAL", "download_token.ps REAL",
            "temp_login.token REAL", "temp_login.salt REAL", "temp_login.login_addr REAL",
            "database_servers.db_host REAL", "database_servers.db_port REAL", "database_servers.db_user INTEGER",
            "database_servers.db_password INTEGER", "database_servers.ps REAL",
            "sites.edate integer", "sites.project_type STRING", "sites.project_config STRING",
            "backup.ps STRING", "databases.conn_config STRING", "database_servers.db_type REAL", "sites.parent_id STRING",
        ];
        var custom = Revisions().SelectMany(r => ColumnsWithTable(r.Up(DatabaseKind.Sqlite)))
                                .Where(x => x.Column.Type.Kind == SqlTypeKind.Custom)
                                .Select(x => $"{x.Table}.{x.Column.Name} {x.Column.Type.Declaration}");
        Assert.Equal(expected.Order(StringComparer.Ordinal), custom.Order(StringComparer.Ordinal));

        var names = expected.Select(e => e.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        var onServers = Revisions().SelectMany(r => ColumnsWithTable(r.Up(DatabaseKind.PostgreSql)))
                                   .Where(x => names.Contains($"{x.Table}.{x.Column.Name}"))
                                   .ToArray();
        Assert.Equal(expected.Length, onServers.Length);
        Assert.All(onServers, x => Assert.Equal(SqlType.Text, x.Column.Type));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void The_baseline_creates_aaPanels_indexes_and_trigger(DatabaseKind database)
    {
        var up = Revisions()[0].Up(database);
        Assert.Equal(LegacySchema.Indexes.Select(i => (i.Name, i.Table, string.Join(",", i.Columns))),
                     up.OfType<CreateIndexOperation>().Select(i => (i.Name, i.TableName, string.Join(",", i.Columns))));
        Assert.Equal(5, LegacySchema.Indexes.Count);

        var model = new SchemaModel();
        model.Apply(up);
        Assert.Equal(["update_port"], LegacySchema.Triggers);
        Assert.Contains("TRIGGER update_port", model.Routines);
        Assert.Equal(database == DatabaseKind.PostgreSql ? 2 : 1, model.Routines.Count);
    }

    [Fact]
    public void On_SQLite_the_trigger_is_aaPanels_own_text()
    {
        var execute = Assert.Single(Revisions()[0].Up(DatabaseKind.Sqlite).OfType<ExecuteSqlOperation>());
        var legacy = Regex.Match(LegacySchema.Sql, @"CREATE TRIGGER update_port.*?END", RegexOptions.Singleline).Value;
        Assert.Equal(Normalize(legacy), Normalize(execute.Sql));

        static string Normalize(string sql) => Regex.Replace(sql, @"\s+", " ").Trim();
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void Every_Up_fits_the_schema_before_it_and_every_Down_undoes_its_Up(DatabaseKind database)
    {
        var model = new SchemaModel();
        var before = new List<string>();
        foreach (var revision in Revisions())
        {
            var snapshot = model.Snapshot();
            before.Add(snapshot);
            model.Apply(revision.Up(database));
            Assert.NotEqual(snapshot, model.Snapshot());

            // Down right after Up gives back the schema before Up; Up again is accepted.
            var probe = new SchemaModel();
            foreach (var earlier in Revisions().TakeWhile(r => r.Id != revision.Id))
                probe.Apply(earlier.Up(database));
            probe.Apply(revision.Up(database));
            probe.Apply(revision.Down(database));
            Assert.Equal(snapshot, probe.Snapshot());
        }

        // And from head all the way down to base, one step at a time.
        var all = Revisions();
        for (var i = all.Count - 1; i >= 0; i--)
        {
            model.Apply(all[i].Down(database));
            Assert.Equal(before[i], model.Snapshot());
        }
        Assert.Empty(model.TableNames);
        Assert.Empty(model.Indexes);
        Assert.Empty(model.Routines);
    }

    [Fact]
    public void At_head_the_tables_have_the_columns_of_a_panel_after_aaPanels_start_up_migrations()
    {
        var model = new SchemaModel();
        foreach (var revision in Revisions())
            model.Apply(revision.Up(DatabaseKind.Sqlite));

        // aapanel-schema.md §7: column counts after aaPanel's start-up statements ran twice
        // (sites gets one more here: the guide's ssl_enabled example).
        Assert.Equal(13 + 1, model.Columns("sites").Count);
        Assert.Equal(12, model.Columns("databases").Count);
        Assert.Equal(18, model.Columns("crontab").Count);
        Assert.Equal(8, model.Columns("backup").Count);
        Assert.Equal(8, model.Columns("users").Count);
        Assert.Equal(6, model.Columns("logs").Count);
        Assert.Equal(8, model.Columns("messages").Count);
        Assert.Equal(10, model.Columns("firewall_new").Count);
        Assert.Equal(8, model.Columns("database_servers").Count);
        Assert.Equal(6, model.Columns("site_deploy_script").Count);
        Assert.Equal(6, model.Columns("firewall_country").Count);

        // In the order aaPanel's class/jobs.py adds them on a fresh panel.
        Assert.Equal(["id", "name", "path", "status", "index", "ps", "addtime", "type_id", "edate", "service_type", "project_type", "project_config", "parent_id", "ssl_enabled"],
                     model.Columns("sites").Select(c => c.Name));
        Assert.Equal(["id", "name", "type", "where1", "where_hour", "where_minute", "echo", "addtime",
                      "status", "save", "backupTo", "sName", "sBody", "sType", "urladdress", "save_local", "notice", "notice_channel"],
                     model.Columns("crontab").Select(c => c.Name));
        Assert.Equal(BaselineTables.Append("api_keys").Order(StringComparer.Ordinal), model.TableNames.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void Later_revisions_add_columns_to_existing_tables_only_through_a_batch(DatabaseKind database)
    {
        foreach (var revision in Revisions().Skip(1))
        {
            var up = revision.Up(database);
            Assert.DoesNotContain(up, o => o is AddColumnOperation or DropColumnOperation or AlterColumnOperation);
            Assert.DoesNotContain(revision.Down(database), o => o is AddColumnOperation or DropColumnOperation or AlterColumnOperation);
        }
    }

    [Fact]
    public void The_guide_examples_have_the_shape_the_guide_describes()
    {
        var ssl = Assert.IsType<BatchAlterTableOperation>(Assert.Single(Revisions().Single(r => r.Message == "Add SSL column to sites").Up(DatabaseKind.Sqlite)));
        Assert.Equal("sites", ssl.TableName);
        var add = Assert.IsType<AddColumnOperation>(Assert.Single(ssl.Operations));
        Assert.Equal(new ColumnDefinition("ssl_enabled", SqlType.Boolean, Nullable: false, ServerDefault: "0"), add.Column);

        var apiKeys = Assert.IsType<CreateTableOperation>(Assert.Single(Revisions().Single(r => r.Message == "Create api_keys table").Up(DatabaseKind.Sqlite)));
        Assert.Equal("api_keys", apiKeys.Name);
        Assert.Equal(
            [
                new ColumnDefinition("id", SqlType.Integer, Nullable: false, PrimaryKey: true, AutoIncrement: true),
                new ColumnDefinition("key", SqlType.String(64), Nullable: false),
                new ColumnDefinition("user_id", SqlType.Integer, Nullable: false),
                new ColumnDefinition("permissions", SqlType.Text),
                new ColumnDefinition("created_at", SqlType.DateTime, Nullable: false),
                new ColumnDefinition("expires_at", SqlType.DateTime),
            ],
            apiKeys.Columns);
        var unique = Assert.IsType<UniqueConstraint>(Assert.Single(apiKeys.Constraints));
        Assert.Equal(["key"], unique.Columns);
    }

    [Fact]
    public void The_guide_lists_every_revision_and_its_Arabic_version_has_the_same_code()
    {
        var english = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "guide.md"));
        var arabic = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "guide.ar.md"));
        foreach (var (revision, parent, _) in History)
            foreach (var guide in new[] { english, arabic })
                Assert.Contains($"| `{revision}` | {(parent is null ? "—" : $"`{parent}`")} |", guide, StringComparison.Ordinal);

        static string[] CodeBlocks(string markdown) =>
            Regex.Matches(markdown, "```.*?```", RegexOptions.Singleline).Select(m => m.Value).ToArray();
        Assert.NotEmpty(CodeBlocks(english));
        Assert.Equal(CodeBlocks(english), CodeBlocks(arabic));

        // The guide's two examples are the sample's own code.
        foreach (var file in new[] { "_b33b0e9ade3e_AddSslColumnToSites.cs", "_93b057731d7c_CreateApiKeysTable.cs" })
        {
            var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "samples", "AaPanel", "Migrations", file));
            var body = source[source.IndexOf("[Migration(", StringComparison.Ordinal)..].Trim();
            Assert.Contains(body, english, StringComparison.Ordinal);
        }
    }

    /// <summary>aaPanel's DEFAULT as written, in the spelling every database reads as the same value.</summary>
    private static string? PortableDefault(string? legacy) => legacy switch
    {
        null => null,
        ['"', .. var inner, '"'] => $"'{inner}'", // DEFAULT "" is a string to SQLite, a column name to the servers
        _ => legacy,
    };

    private static IEnumerable<ColumnDefinition> ColumnsOf(IEnumerable<MigrationOperation> operations) =>
        ColumnsWithTable(operations).Select(x => x.Column);

    private static IEnumerable<(string Table, ColumnDefinition Column)> ColumnsWithTable(IEnumerable<MigrationOperation> operations)
    {
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case CreateTableOperation create:
                    foreach (var column in create.Columns)
                        yield return (create.Name, column);
                    break;
                case BatchAlterTableOperation batch:
                    foreach (var x in ColumnsWithTable(batch.Operations))
                        yield return x;
                    break;
                case AddColumnOperation add:
                    yield return (add.TableName, add.Column);
                    break;
            }
        }
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Panel.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No Panel.sln above {AppContext.BaseDirectory}.");
    }
}
