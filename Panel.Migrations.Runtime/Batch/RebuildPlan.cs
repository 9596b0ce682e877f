using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Panel.Migrations.Dialects;
using Panel.Migrations.Operations;
using Panel.Migrations.Sql;

namespace Panel.Migrations.Batch;

/// <summary>
/// The live table with a batch's operations applied, in order, in memory: what the rebuilt table, its copy
/// statement, its indexes and triggers, and the final column renames will be. Bad input fails here, before
/// anything is written, with a message that names the table, the column or constraint, and the reason.
/// </summary>
internal sealed class RebuildPlan
{
    private readonly LiveTable _live;
    private readonly SqliteDialect _dialect;
    private readonly ISet<string> _schemaIndexNames;
    private readonly List<ColumnState> _columns;
    private readonly List<SqlClause> _constraints;
    private readonly List<SchemaObject> _indexes;
    private int _tempNames;

    private RebuildPlan(LiveTable live, SqliteDialect dialect, ISet<string> schemaIndexNames)
    {
        _live = live;
        _dialect = dialect;
        _schemaIndexNames = schemaIndexNames;
        _columns = live.Definition.Columns.Select(c => new ColumnState(c, c.Name, c.Name, c.Name)).ToList();
        _constraints = [.. live.Definition.Constraints];
        _indexes = [.. live.Indexes];
    }

    public string Table => _live.Name;

    public IReadOnlyList<ColumnState> Columns => _columns;

    /// <summary>Indexes to create after the rename: the kept ones verbatim, then the new ones.</summary>
    public IReadOnlyList<SchemaObject> Indexes => _indexes;

    /// <exception cref="MigrationException">An operation names something the table does not have, or cannot be applied.</exception>
    public static RebuildPlan Build(LiveTable live, BatchAlterTableOperation batch, SqliteDialect dialect, ISet<string> schemaIndexNames)
    {
        var plan = new RebuildPlan(live, dialect, schemaIndexNames);
        foreach (var operation in batch.Operations)
            plan.Apply(operation);
        if (plan._columns.Count == 0)
            throw plan.Fail("the batch drops every column, and a table needs at least one; drop the table instead");
        return plan;
    }

    private void Apply(MigrationOperation operation)
    {
        switch (operation)
        {
            case AddColumnOperation add:
                AddColumn(add);
                break;
            case DropColumnOperation drop:
                DropColumn(drop.Column);
                break;
            case AlterColumnOperation alter:
                AlterColumn(alter);
                break;
            case AddConstraintOperation add:
                AddConstraint(add.Constraint);
                break;
            case DropConstraintOperation drop:
                DropConstraint(drop.Name, drop.Kind);
                break;
            case CreateIndexOperation create:
                CreateIndex(create);
                break;
            case DropIndexOperation drop:
                DropIndex(drop.Name);
                break;
            default:
                throw Fail($"{operation.GetType().Name} cannot be part of a batch");
        }
    }

    private void AddColumn(AddColumnOperation add)
    {
        var definition = add.Column;
        if (Find(definition.Name) is not null)
            throw Fail($"column '{definition.Name}' cannot be added: the table already has a column of that name");
        // A rename earlier in the batch may have freed the name while the old column still carries it during the copy.
        var buildName = _columns.Any(c => LiveTable.Same(c.BuildName, definition.Name)) ? NewTempName(definition.Name) : definition.Name;
        var text = _dialect.ColumnSql(Table, definition with { Name = buildName });
        var spec = CreateTableParser.Parse(Table, "CREATE TABLE t (" + text + ")").Columns[0];
        var state = new ColumnState(spec, null, buildName, definition.Name)
        {
            NeedsValue = !definition.Nullable && SqliteDefault.IsNull(definition.ServerDefault) && !definition.AutoIncrement && !definition.PrimaryKey,
        };
        var position = _columns.Count;
        if (add.InsertBefore is not null)
            position = _columns.IndexOf(Require(add.InsertBefore, $"column '{definition.Name}' cannot be placed before it"));
        else if (add.InsertAfter is not null)
            position = _columns.IndexOf(Require(add.InsertAfter, $"column '{definition.Name}' cannot be placed after it")) + 1;
        _columns.Insert(position, state);
    }

    private void DropColumn(string name)
    {
        var column = Require(name, "it cannot be dropped");
        foreach (var constraint in _constraints)
        {
            if (MentionsColumn(constraint.Text, column, skipName: constraint.Name is not null))
                throw Fail($"column '{column.Name}' cannot be dropped: the table constraint {Describe(constraint)} uses it; drop the constraint first in the same batch (DropConstraint)");
        }
        foreach (var index in _indexes)
        {
            if (MentionsColumn(index.Sql[index.Sql.IndexOf('(', StringComparison.Ordinal)..], column, skipName: false))
                throw Fail($"column '{column.Name}' cannot be dropped: index '{index.Name}' uses it; drop the index first in the same batch (DropIndex)");
        }
        foreach (var other in _columns.Where(c => c != column))
        {
            foreach (var clause in other.Spec.Clauses.Where(c => c.Kind is ClauseKind.Check or ClauseKind.Generated))
            {
                if (MentionsColumn(clause.Text, column, skipName: clause.Name is not null))
                    throw Fail($"column '{column.Name}' cannot be dropped: column '{other.Name}' uses it in '{clause.Text}'");
            }
        }
        foreach (var trigger in _live.Triggers)
        {
            if (MentionsColumn(trigger.Sql, column, skipName: false))
                throw Fail($"column '{column.Name}' cannot be dropped: trigger '{trigger.Name}' names it; drop the trigger before the batch (op.Execute(\"DROP TRIGGER ...\")) and create it again after");
        }
        _columns.Remove(column);
    }

    private void AlterColumn(AlterColumnOperation alter)
    {
        var column = Require(alter.Column, "it cannot be altered");
        var spec = column.Spec;
        if (alter.Type is not null)
        {
            if (column.IsGenerated)
                throw Fail($"column '{column.Name}' is generated; its type cannot be changed by a batch");
            spec.Type = _dialect.RenderType(alter.Type);
            spec.Source = null;
        }
        if (alter.Nullable is { } nullable)
        {
            spec.Clauses.RemoveAll(c => c.Kind is ClauseKind.NotNull or ClauseKind.Null);
            if (!nullable)
                spec.Clauses.Add(new SqlClause(ClauseKind.NotNull, null, "NOT NULL"));
            spec.Source = null;
        }
        if (alter.ServerDefault is not null || alter.DropServerDefault)
        {
            spec.Clauses.RemoveAll(c => c.Kind == ClauseKind.Default);
            if (alter.ServerDefault is not null)
                spec.Clauses.Add(new SqlClause(ClauseKind.Default, null, "DEFAULT " + SqliteDefault.Render(alter.ServerDefault)));
            spec.Source = null;
        }
        if (alter.NewName is not null && !LiveTable.Same(alter.NewName, column.Name))
        {
            if (Find(alter.NewName) is not null)
                throw Fail($"column '{column.Name}' cannot be renamed to '{alter.NewName}': the table already has a column of that name");
            column.Name = alter.NewName;
        }
        else if (alter.NewName is not null)
        {
            column.Name = alter.NewName;
        }
    }

    private void AddConstraint(TableConstraint constraint)
    {
        if (constraint.Name is not null && NamedConstraints().Any(n => LiveTable.Same(n, constraint.Name)))
            throw Fail($"constraint '{constraint.Name}' cannot be added: the table already has a constraint of that name");
        TableConstraint mapped = constraint switch
        {
            UniqueConstraint u => u with { Columns = MapColumns(u.Columns, $"unique constraint '{u.Name}'") },
            PrimaryKeyConstraint pk => pk with { Columns = MapColumns(pk.Columns, $"primary key '{pk.Name}'") },
            ForeignKeyConstraint fk => fk with { Columns = MapColumns(fk.Columns, $"foreign key '{fk.Name}'") },
            CheckConstraint ck => ck with { Condition = MapExpression(ck.Condition) },
            _ => throw Fail($"constraint {constraint.GetType().Name} cannot be added by a batch"),
        };
        if (constraint is PrimaryKeyConstraint)
        {
            // A new primary key replaces the old one, like Alembic.
            _constraints.RemoveAll(c => c.Kind == ClauseKind.PrimaryKey);
            foreach (var column in _columns.Where(c => c.Spec.Has(ClauseKind.PrimaryKey)))
            {
                column.Spec.Clauses.RemoveAll(c => c.Kind == ClauseKind.PrimaryKey);
                column.Spec.Source = null;
            }
        }
        var kind = constraint.Kind switch
        {
            ConstraintKind.PrimaryKey => ClauseKind.PrimaryKey,
            ConstraintKind.Unique => ClauseKind.Unique,
            ConstraintKind.Check => ClauseKind.Check,
            _ => ClauseKind.ForeignKey,
        };
        _constraints.Add(new SqlClause(kind, constraint.Name, _dialect.ConstraintSql(mapped)));
    }

    private void DropConstraint(string name, ConstraintKind kind)
    {
        var wanted = kind switch
        {
            ConstraintKind.PrimaryKey => ClauseKind.PrimaryKey,
            ConstraintKind.Unique => ClauseKind.Unique,
            ConstraintKind.Check => ClauseKind.Check,
            _ => ClauseKind.ForeignKey,
        };
        var table = _constraints.FirstOrDefault(c => c.Name is not null && LiveTable.Same(c.Name, name));
        if (table is not null)
        {
            CheckKind(table, wanted, kind);
            _constraints.Remove(table);
            return;
        }
        foreach (var column in _columns)
        {
            var clause = column.Spec.Clauses.FirstOrDefault(c => c.Name is not null && LiveTable.Same(c.Name, name));
            if (clause is null)
                continue;
            CheckKind(clause, wanted, kind);
            column.Spec.Clauses.Remove(clause);
            column.Spec.Source = null;
            return;
        }
        var named = NamedConstraints().ToList();
        throw Fail($"it has no constraint named '{name}' ({(named.Count == 0 ? "it has no named constraints" : "named constraints: " + string.Join(", ", named))}); " +
                   "SQLite keeps no names for constraints declared without CONSTRAINT <name>, so those cannot be dropped by name");
    }

    private void CheckKind(SqlClause clause, ClauseKind wanted, ConstraintKind kind)
    {
        if (clause.Kind != wanted)
            throw Fail($"constraint '{clause.Name}' is a {clause.Kind} constraint, not a {kind} one ({clause.Text})");
    }

    private void CreateIndex(CreateIndexOperation create)
    {
        if (_schemaIndexNames.Contains(create.Name) || _indexes.Any(i => LiveTable.Same(i.Name, create.Name)))
            throw Fail($"index '{create.Name}' cannot be created: the database already has an index of that name");
        var columns = create.Columns.Select(c => c.Length >= 2 && c[0] == '(' && c[^1] == ')' ? MapExpression(c) : BuildNameOf(c, $"index '{create.Name}'")).ToArray();
        var where = create.Where is null ? null : MapExpression(create.Where);
        var sql = _dialect.Render(create with { TableName = Table, Columns = columns, Where = where }).Single().Sql;
        _indexes.Add(new SchemaObject(create.Name, sql));
        _schemaIndexNames.Add(create.Name);
    }

    private void DropIndex(string name)
    {
        var index = _indexes.FirstOrDefault(i => LiveTable.Same(i.Name, name));
        if (index is null)
            throw Fail($"it has no index named '{name}' (indexes: {(_indexes.Count == 0 ? "none" : string.Join(", ", _indexes.Select(i => i.Name)))})");
        _indexes.Remove(index);
        _schemaIndexNames.Remove(name);
    }

    /// <summary>The CREATE TABLE statement of the rebuilt table under <paramref name="tempName"/>.</summary>
    public string CreateSql(string tempName)
    {
        var items = _columns.Select(RenderColumn).Concat(_constraints.Select(c => c.Text));
        var options = _live.Definition.Options.Length == 0 ? "" : " " + _live.Definition.Options;
        return $"CREATE TABLE {SqliteTableRebuilder.Quote(tempName)} ({string.Join(", ", items)}){options}";
    }

    /// <summary>The one INSERT ... SELECT that copies the rows, CASTing where the type affinity changes (as Alembic does).</summary>
    public string CopySql(string tempName)
    {
        var copied = _columns.Where(c => c.Source is not null && !c.IsGenerated).ToList();
        var targets = copied.Select(c => SqliteTableRebuilder.Quote(c.BuildName)).ToList();
        var sources = copied.Select(c =>
        {
            var source = SqliteTableRebuilder.Quote(c.Source!);
            var newType = c.Spec.Type;
            return SqliteAffinity.Of(newType) != SqliteAffinity.Of(c.OriginalType) ? $"CAST({source} AS {newType})" : source;
        }).ToList();
        // Keep rowids too: a rowid table without an INTEGER PRIMARY KEY would otherwise renumber its rows.
        if (KeepsRowid())
        {
            targets.Insert(0, "rowid");
            sources.Insert(0, "rowid");
        }
        return $"INSERT INTO {SqliteTableRebuilder.Quote(tempName)} ({string.Join(", ", targets)}) SELECT {string.Join(", ", sources)} FROM {SqliteTableRebuilder.Quote(Table)}";
    }

    /// <summary>The columns to rename natively once the table is back under its name: (name during the copy, final name).</summary>
    public IReadOnlyList<(string From, string To)> Renames() =>
        _columns.Where(c => c.BuildName != c.Name).Select(c => (c.BuildName, c.Name)).ToList();

    private bool KeepsRowid() =>
        !_live.WithoutRowid
        && !_columns.Any(c => c.Name.Equals("rowid", StringComparison.OrdinalIgnoreCase) || c.Name.Equals("oid", StringComparison.OrdinalIgnoreCase)
                              || c.Name.Equals("_rowid_", StringComparison.OrdinalIgnoreCase)
                              || c.BuildName.Equals("rowid", StringComparison.OrdinalIgnoreCase))
        && !_live.Definition.Columns.Any(c => c.Name.Equals("rowid", StringComparison.OrdinalIgnoreCase) || c.Name.Equals("oid", StringComparison.OrdinalIgnoreCase)
                                              || c.Name.Equals("_rowid_", StringComparison.OrdinalIgnoreCase));

    private static string RenderColumn(ColumnState column)
    {
        if (column.Spec.Source is not null)
            return column.Spec.Source;
        var text = new StringBuilder(SqliteTableRebuilder.Quote(column.BuildName));
        if (column.Spec.Type.Length > 0)
            text.Append(' ').Append(column.Spec.Type);
        foreach (var clause in column.Spec.Clauses)
            text.Append(' ').Append(clause.Text);
        return text.ToString();
    }

    private IEnumerable<string> NamedConstraints() =>
        _constraints.Where(c => c.Name is not null).Select(c => c.Name!)
                    .Concat(_columns.SelectMany(c => c.Spec.Clauses).Where(c => c.Name is not null).Select(c => c.Name!));

    private ColumnState? Find(string name) => _columns.FirstOrDefault(c => LiveTable.Same(c.Name, name));

    private ColumnState Require(string name, string consequence) =>
        Find(name) ?? throw Fail($"it has no column '{name}', so {consequence} (columns: {string.Join(", ", _columns.Select(c => c.Name))})");

    private string BuildNameOf(string name, string user) => Require(name, $"{user} cannot use it").BuildName;

    private string[] MapColumns(IReadOnlyList<string> names, string user) => names.Select(n => BuildNameOf(n, user)).ToArray();

    // Rewrites the names of this table's columns in an expression to their names during the copy.
    private string MapExpression(string expression)
    {
        var tokens = SqlLexer.Tokenize(expression);
        var text = new StringBuilder();
        var last = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (!t.IsName || (i + 1 < tokens.Count && tokens[i + 1].IsSymbol('(')) || (i > 0 && tokens[i - 1].IsSymbol('.')))
                continue;
            var column = Find(t.Value);
            if (column is null || column.BuildName == t.Value)
                continue;
            text.Append(expression, last, t.Start - last).Append(SqliteTableRebuilder.Quote(column.BuildName));
            last = t.End;
        }
        return text.Append(expression, last, expression.Length - last).ToString();
    }

    private static bool MentionsColumn(string sql, ColumnState column, bool skipName)
    {
        var tokens = SqlLexer.Tokenize(sql);
        // The columns after REFERENCES belong to the other table.
        var references = tokens.FindIndex(t => t.Is("REFERENCES"));
        if (references >= 0)
            tokens = tokens[..references];
        return tokens.Skip(skipName ? 2 : 0).Any(t => t.IsName && (LiveTable.Same(t.Value, column.BuildName) || LiveTable.Same(t.Value, column.Name)));
    }

    private static string Describe(SqlClause constraint) => constraint.Name is null ? $"'{constraint.Text}'" : $"'{constraint.Name}'";

    private string NewTempName(string name)
    {
        string candidate;
        do
            candidate = $"{name}__panel_tmp{++_tempNames}";
        while (_columns.Any(c => LiveTable.Same(c.BuildName, candidate) || LiveTable.Same(c.Name, candidate)));
        return candidate;
    }

    private MigrationException Fail(string reason) => new($"Batch on table '{Table}': {reason}. The table was not changed.");
}
