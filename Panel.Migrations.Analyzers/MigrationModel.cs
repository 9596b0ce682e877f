using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Panel.Migrations.Analyzers;

/// <summary>One migration class with its Up/Down operations, and the per-class rules.</summary>
public sealed class MigrationModel
{
    private readonly MigrationSymbols _symbols;
    private readonly Compilation _compilation;

    internal MigrationModel(INamedTypeSymbol type, MigrationSymbols symbols, TargetDialects dialects, MethodOps? up, MethodOps? down, Compilation compilation)
    {
        Type = type;
        _symbols = symbols;
        Dialects = dialects;
        Up = up;
        Down = down;
        _compilation = compilation;
        Irreversible = MigrationSymbols.Find(type, symbols.Irreversible);
        DataLossAck = MigrationSymbols.Find(type, symbols.AcknowledgeDataLoss);
        BreakingAck = MigrationSymbols.Find(type, symbols.AcknowledgeBreakingChange);
    }

    /// <summary>The class.</summary>
    public INamedTypeSymbol Type { get; }
    /// <summary>The targeted databases.</summary>
    public TargetDialects Dialects { get; }
    /// <summary>Up, when this class overrides it.</summary>
    public MethodOps? Up { get; }
    /// <summary>Down, when this class overrides it.</summary>
    public MethodOps? Down { get; }
    private AttributeData? Irreversible { get; }
    private AttributeData? DataLossAck { get; }
    private AttributeData? BreakingAck { get; }

    private bool Targets(TargetDialects d) => (Dialects & d) != 0;

    private string Name => Type.Name;

    internal void Analyze(Action<Diagnostic> report)
    {
        CheckReasons(report);
        CheckDown(report);
        foreach (var method in new[] { Up, Down })
        {
            if (method is null)
                continue;
            CheckOps(method, report);
            CheckValues(method, report);
            CheckIdentifiers(method, report);
            if (Targets(TargetDialects.MySql))
                CheckMySqlDdlCount(method, report);
        }
    }

    // ---------------------------------------------------------------- PMIG001, 002, 004, 005

    private void CheckReasons(Action<Diagnostic> report)
    {
        foreach (var attribute in new[] { Irreversible, DataLossAck, BreakingAck })
        {
            if (attribute is not null && !MigrationSymbols.HasReason(attribute))
                report(Diagnostic.Create(Rules.EmptyReason, Where(attribute), "[" + Short(attribute.AttributeClass!.Name) + "]", Name));
        }
        if (_symbols.SuppressMessage is null)
            return;
        foreach (var symbol in new ISymbol[] { Type }.Concat(Type.GetMembers()))
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _symbols.SuppressMessage))
                    continue;
                var checkId = attribute.ConstructorArguments.Length > 1 ? attribute.ConstructorArguments[1].Value as string : null;
                if (checkId is null || checkId.IndexOf("PMIG", StringComparison.OrdinalIgnoreCase) < 0)
                    continue;
                var justification = attribute.NamedArguments.FirstOrDefault(n => n.Key == "Justification").Value.Value as string;
                if (string.IsNullOrWhiteSpace(justification))
                    report(Diagnostic.Create(Rules.EmptyReason, Where(attribute), "[SuppressMessage(\"" + checkId + "\")]", symbol.Name));
            }
        }
    }

    private static string Short(string name) => name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - 9) : name;

    private Location Where(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? Type.Locations.FirstOrDefault() ?? Location.None;

    private bool IsIrreversible => Irreversible is not null;

    private bool DownOverriddenAbove()
    {
        for (var t = Type.BaseType; t is not null && !SymbolEqualityComparer.Default.Equals(t, _symbols.Migration); t = t.BaseType)
            if (_symbols.Override(t, "Down") is not null)
                return true;
        return false;
    }

    private void CheckDown(Action<Diagnostic> report)
    {
        if (Type.IsAbstract || IsIrreversible)
            return;
        var declaresDown = _symbols.Override(Type, "Down") is not null;
        if (!declaresDown && !DownOverriddenAbove() || Down is { OnlyThrows: true })
        {
            report(Diagnostic.Create(Rules.MissingDown, Type.Locations.FirstOrDefault() ?? Location.None, Name));
            return;
        }
        if (Up is null || Down is null)
            return;
        var upChanges = Up.Changes.ToList();
        var downChanges = Down.Changes.ToList();
        if (upChanges.Count > 0 && downChanges.Count == 0)
        {
            report(Diagnostic.Create(Rules.DownDoesNotUndoUp, Down.Method.Locations.FirstOrDefault() ?? Location.None, Name, "it does nothing while Up describes " + upChanges.Count + " operation(s)"));
            return;
        }
        foreach (var op in upChanges)
        {
            var (what, name, undone) = Undone(op, downChanges);
            if (what is not null && !undone)
                report(Diagnostic.Create(Rules.DownDoesNotUndoUp, op.Location, Name, what + " '" + name + "' that Up creates is never undone"));
        }
        var firstSql = upChanges.FirstOrDefault(o => o.Kind == OpKind.Execute);
        if (firstSql is not null && !downChanges.Any(o => o.Kind == OpKind.Execute))
            report(Diagnostic.Create(Rules.RawSqlWithoutInverse, firstSql.Location, Name));
    }

    private static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>What an Up op creates, and whether Down undoes it; (null, ...) when it creates nothing checkable.</summary>
    private static (string? What, string? Name, bool Undone) Undone(MigrationOp op, List<MigrationOp> down)
    {
        bool DropsTable(string? table) => down.Any(d => d.Kind == OpKind.DropTable && Same(d.Table, table));
        switch (op.Kind)
        {
            case OpKind.CreateTable when op.Table is not null:
                return ("Table", op.Table, DropsTable(op.Table));
            case OpKind.AddColumn when op.Table is not null && op.Name is not null:
                return ("Column", op.Table + "." + op.Name, DropsTable(op.Table) || down.Any(d => d.Kind == OpKind.DropColumn && Same(d.Table, op.Table) && Same(d.Name, op.Name)));
            case OpKind.CreateIndex when op.Name is not null:
                return ("Index", op.Name, DropsTable(op.Table) || down.Any(d => d.Kind == OpKind.DropIndex && Same(d.Name, op.Name)));
            case OpKind.AddUnique or OpKind.AddCheck or OpKind.AddForeignKey when op.Name is not null:
                return ("Constraint", op.Name, DropsTable(op.Table) || down.Any(d => d.Kind == OpKind.DropConstraint && Same(d.Name, op.Name)));
            case OpKind.RenameTable when op.Table is not null && op.String("newName") is { } to:
                return ("Table rename", op.Table + " -> " + to, down.Any(d => d.Kind == OpKind.RenameTable && Same(d.Table, to) && Same(d.String("newName"), op.Table)));
            case OpKind.AlterColumn when op.Name is not null && op.String("newName") is { } newName:
                return ("Column rename", op.Name + " -> " + newName, down.Any(d => d.Kind == OpKind.AlterColumn && Same(d.Name, newName) && Same(d.String("newName"), op.Name)));
            default:
                return (null, null, true);
        }
    }

    // ---------------------------------------------------------------- per-operation rules

    private bool IsUpCreated(string? table, string? column)
    {
        if (Up is null || table is null)
            return false;
        return Up.IsNew(table) || Up.Ops.Any(o => o.Kind == OpKind.RenameTable && Same(o.String("newName"), table))
               || column is not null && Up.Ops.Any(o => o.Kind == OpKind.AddColumn && Same(o.Table, table) && Same(o.Name, column));
    }

    private bool IsInverseOfUpRename(MigrationOp op, bool isDown)
    {
        if (!isDown || Up is null)
            return false;
        return op.Kind == OpKind.RenameTable
            ? Up.Ops.Any(u => u.Kind == OpKind.RenameTable && Same(u.String("newName"), op.Table) && Same(u.Table, op.String("newName")))
            : Up.Ops.Any(u => u.Kind == OpKind.AlterColumn && Same(u.String("newName"), op.Name) && Same(u.Name, op.String("newName")));
    }

    private void CheckOps(MethodOps method, Action<Diagnostic> report)
    {
        var isDown = method.Method.Name == "Down";
        var where = Name + "." + method.Method.Name;
        var sqlite = Targets(TargetDialects.Sqlite);
        var pg = Targets(TargetDialects.PostgreSql);
        var mysql = Targets(TargetDialects.MySql);
        var acknowledged = MigrationSymbols.HasReason(DataLossAck);
        var renamesAcknowledged = MigrationSymbols.HasReason(BreakingAck);
        foreach (var op in method.Ops)
        {
            var table = op.Table ?? "?";
            var isNew = method.IsNew(op.Table);
            switch (op.Kind)
            {
                case OpKind.AddColumn:
                {
                    var notNull = op.IsFalse("nullable");
                    var noDefault = op.IsNull("serverDefault");
                    var @default = op.String("serverDefault");
                    if (notNull && noDefault && !isNew)
                        report(Diagnostic.Create(Rules.NotNullWithoutDefault, op.Location, op.Name ?? "?", table));
                    else if (sqlite && !op.InBatch && !isNew && SqliteRejectedDefault(@default, notNull) is { } why)
                        report(Diagnostic.Create(Rules.SqliteAddColumn, op.Location, op.Name ?? "?", table, why));
                    if ((pg || mysql) && !isNew && @default is not null && IsVolatileDefault(@default, pg, mysql))
                        report(Diagnostic.Create(Rules.AddColumnRewrite, op.Location, op.Name ?? "?", table, @default));
                    break;
                }
                case OpKind.DropColumn:
                    if (sqlite && !op.InBatch)
                        report(Diagnostic.Create(Rules.SqliteOutsideBatch, op.Location, "drop column '" + (op.Name ?? "?") + "'", table));
                    if (!acknowledged && !(isDown && IsUpCreated(op.Table, op.Name)) && !isNew)
                        report(Diagnostic.Create(Rules.DataLoss, op.Location, "DropColumn", "column '" + table + "." + (op.Name ?? "?") + "'", where));
                    break;
                case OpKind.DropTable:
                    if (!acknowledged && !(isDown && IsUpCreated(op.Table, null)) && !isNew)
                        report(Diagnostic.Create(Rules.DataLoss, op.Location, "DropTable", "table '" + table + "'", where));
                    break;
                case OpKind.AlterColumn:
                {
                    if (sqlite && !op.InBatch)
                        report(Diagnostic.Create(Rules.SqliteOutsideBatch, op.Location, "alter column '" + (op.Name ?? "?") + "'", table));
                    if (op.IsExplicit("type") && !op.IsNull("type") && !isNew)
                        report(Diagnostic.Create(Rules.TypeChange, op.Location, op.Name ?? "?", table));
                    if (pg && op.IsFalse("nullable") && !isNew)
                        report(Diagnostic.Create(Rules.SetNotNull, op.Location, op.Name ?? "?", table));
                    if (op.IsExplicit("newName") && !op.IsNull("newName") && !renamesAcknowledged && !isNew && !IsInverseOfUpRename(op, isDown))
                        report(Diagnostic.Create(Rules.Rename, op.Location, "column '" + table + "." + (op.Name ?? "?") + "'", op.Name ?? "?", op.String("newName") ?? "?"));
                    break;
                }
                case OpKind.RenameTable:
                    if (!renamesAcknowledged && !isNew && !IsInverseOfUpRename(op, isDown))
                        report(Diagnostic.Create(Rules.Rename, op.Location, "table", table, op.String("newName") ?? "?"));
                    break;
                case OpKind.AddUnique:
                    if (sqlite && !op.InBatch)
                        report(Diagnostic.Create(Rules.SqliteOutsideBatch, op.Location, "add unique constraint '" + (op.Name ?? "?") + "'", table));
                    if (pg && !isNew)
                        report(Diagnostic.Create(Rules.UniqueDirect, op.Location, op.Name ?? "?", table));
                    break;
                case OpKind.AddCheck:
                    if (sqlite && !op.InBatch)
                        report(Diagnostic.Create(Rules.SqliteOutsideBatch, op.Location, "add check constraint '" + (op.Name ?? "?") + "'", table));
                    if (pg && !isNew && !op.IsFalse("validate"))
                        report(Diagnostic.Create(Rules.CheckValidated, op.Location, op.Name ?? "?", table));
                    if (mysql && !isNew)
                        report(Diagnostic.Create(Rules.MySqlConstraintScan, op.Location, "Check", op.Name ?? "?", table));
                    break;
                case OpKind.AddForeignKey:
                    if (sqlite && !op.InBatch)
                        report(Diagnostic.Create(Rules.SqliteOutsideBatch, op.Location, "add foreign key '" + (op.Name ?? "?") + "'", table));
                    if (pg && !isNew && !op.IsFalse("validate"))
                        report(Diagnostic.Create(Rules.ForeignKeyValidated, op.Location, op.Name ?? "?", table));
                    if (mysql && !isNew)
                        report(Diagnostic.Create(Rules.MySqlConstraintScan, op.Location, "Foreign key", op.Name ?? "?", table));
                    break;
                case OpKind.DropConstraint:
                    if (sqlite && !op.InBatch)
                        report(Diagnostic.Create(Rules.SqliteOutsideBatch, op.Location, "drop constraint '" + (op.Name ?? "?") + "'", table));
                    break;
                case OpKind.CreateIndex:
                    if (pg && !isNew && !op.IsTrue("concurrently"))
                        report(Diagnostic.Create(Rules.IndexNotConcurrent, op.Location, op.Name ?? "?", table));
                    if (pg && op.IsTrue("concurrently") && !RunsOutsideTransaction())
                        report(Diagnostic.Create(Rules.ConcurrentInTransaction, op.Location, op.Name ?? "?", Name));
                    break;
                case OpKind.Execute:
                    CheckSql(method, op, isDown, acknowledged, report);
                    break;
            }
        }
    }

    private bool RunsOutsideTransaction()
    {
        var attribute = MigrationSymbols.Find(Type, _symbols.MigrationAttribute);
        var mode = attribute?.NamedArguments.FirstOrDefault(n => n.Key == "Transaction").Value;
        return mode is { Value: int value } && value == 1;
    }

    private static string? SqliteRejectedDefault(string? @default, bool notNull)
    {
        if (@default is null)
            return null;
        var d = @default.Trim();
        if (d.StartsWith("(", StringComparison.Ordinal))
            return "a default in parentheses is not constant";
        var upper = d.ToUpperInvariant();
        if (upper is "CURRENT_TIMESTAMP" or "CURRENT_DATE" or "CURRENT_TIME")
            return upper + " is not a constant default";
        if (notNull && upper == "NULL")
            return "a NOT NULL column needs a default other than NULL";
        return null;
    }

    private static readonly string[] VolatileFunctions = { "clock_timestamp(", "random(", "gen_random_uuid(", "uuid_generate_v4(", "uuid_generate_v1(", "timeofday(", "uuid()", "rand(" };

    private static bool IsVolatileDefault(string @default, bool pg, bool mysql)
    {
        var d = @default.Trim().ToLowerInvariant().Replace(" ", string.Empty);
        if (pg && VolatileFunctions.Any(f => d.Contains(f)))
            return true;
        return mysql && d.StartsWith("(", StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- Execute

    private void CheckSql(MethodOps method, MigrationOp op, bool isDown, bool acknowledged, Action<Diagnostic> report)
    {
        var argument = op.Argument("sql");
        if (argument is null)
            return;
        var value = Ops.Unwrap(argument.Value);
        var where = Name + "." + method.Method.Name;
        if (!value.ConstantValue.HasValue)
        {
            var how = BuiltHow(value, method);
            if (how is not null)
                report(Diagnostic.Create(Rules.BuiltSql, argument.Syntax.GetLocation(), where, how));
            return;
        }
        if (value.ConstantValue.Value is not string sql)
            return;
        foreach (var statement in SqlText.Statements(sql))
        {
            if (statement.Count == 0)
                continue;
            var first = statement[0];
            if (Targets(TargetDialects.Sqlite) && SqlText.SqliteAlterProblem(statement, out var altered, t => method.IsNew(t)) is { } problem)
                report(Diagnostic.Create(Rules.SqliteRawAlter, op.Location, altered ?? "?", problem));
            if (first.Is("UPDATE") && !SqlText.Contains(statement, "WHERE"))
            {
                var i = 1;
                SqlText.SkipModifiers(statement, ref i);
                report(Diagnostic.Create(Rules.UnboundedDataChange, op.Location, "UPDATE", where, SqlText.Name(statement, ref i) ?? "?"));
            }
            if (first.Is("DELETE") && !SqlText.Contains(statement, "WHERE"))
            {
                var i = statement.Count > 1 && statement[1].Is("FROM") ? 2 : 1;
                report(Diagnostic.Create(Rules.UnboundedDataChange, op.Location, "DELETE", where, SqlText.Name(statement, ref i) ?? "?"));
            }
            if (!acknowledged && DestroyedBySql(statement) is { } destroyed && !method.IsNew(destroyed.Table) && !(isDown && IsUpCreated(destroyed.Table, destroyed.Column)))
                report(Diagnostic.Create(Rules.DataLoss, op.Location, destroyed.Verb, destroyed.Column is null ? "table '" + destroyed.Table + "'" : "column '" + destroyed.Table + "." + destroyed.Column + "'", where));
            if (Targets(TargetDialects.MySql) && MySqlCopy(statement) is { } copy)
            {
                var i = 2;
                SqlText.SkipModifiers(statement, ref i);
                report(Diagnostic.Create(Rules.MySqlTableCopy, op.Location, copy, first.Is("ALTER") ? SqlText.Name(statement, ref i) ?? "?" : "?"));
            }
        }
    }

    private static (string Verb, string Table, string? Column)? DestroyedBySql(List<SqlText.Token> s)
    {
        var i = 2;
        if (s.Count > 2 && s[0].Is("DROP") && s[1].Is("TABLE"))
        {
            SqlText.SkipModifiers(s, ref i);
            return SqlText.Name(s, ref i) is { } t ? ("DROP TABLE", t, null) : null;
        }
        if (s.Count > 1 && s[0].Is("TRUNCATE"))
        {
            i = s[1].Is("TABLE") ? 2 : 1;
            SqlText.SkipModifiers(s, ref i);
            return SqlText.Name(s, ref i) is { } t ? ("TRUNCATE", t, null) : null;
        }
        if (s.Count > 4 && s[0].Is("ALTER") && s[1].Is("TABLE"))
        {
            SqlText.SkipModifiers(s, ref i);
            var table = SqlText.Name(s, ref i);
            if (table is null || i >= s.Count || !s[i].Is("DROP"))
                return null;
            i++;
            if (i < s.Count && s[i].Is("COLUMN")) i++;
            else if (i < s.Count && s[i].IsWord && s[i].Text is "CONSTRAINT" or "INDEX" or "KEY" or "PRIMARY" or "FOREIGN" or "CHECK" or "DEFAULT") return null;
            SqlText.SkipModifiers(s, ref i);
            return SqlText.Name(s, ref i) is { } c ? ("DROP COLUMN", table, c) : null;
        }
        return null;
    }

    private static string? MySqlCopy(List<SqlText.Token> s)
    {
        for (var i = 0; i + 2 < s.Count; i++)
        {
            if (s[i].Is("ALGORITHM") && s[i + 1].Text == "=" && s[i + 2].Is("COPY"))
                return "ALGORITHM=COPY";
            if (s[i].Is("LOCK") && s[i + 1].Text == "=" && (s[i + 2].Is("SHARED") || s[i + 2].Is("EXCLUSIVE")))
                return "LOCK=" + s[i + 2].Text;
        }
        return null;
    }

    /// <summary>How non-constant SQL was built, or null when it is not built by splicing (e.g. a parameter).</summary>
    private static string? BuiltHow(IOperation value, MethodOps method, int depth = 0)
    {
        value = Ops.Unwrap(value);
        switch (value)
        {
            case IInterpolatedStringOperation:
                return "string interpolation";
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }:
                return "string concatenation";
            case IInvocationOperation { TargetMethod: { Name: "Format" or "Concat" or "Join", ContainingType.SpecialType: SpecialType.System_String } }:
                return "string." + ((IInvocationOperation)value).TargetMethod.Name;
            case IInvocationOperation { TargetMethod.Name: "ToString" } call when call.Instance?.Type?.Name == "StringBuilder":
                return "a StringBuilder";
            case ILocalReferenceOperation local when depth == 0:
                foreach (var block in method.Blocks)
                    foreach (var declarator in block.DescendantsAndSelf().OfType<IVariableDeclaratorOperation>())
                        if (SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local) && declarator.Initializer is { } init)
                            return BuiltHow(init.Value, method, depth + 1);
                return null;
            default:
                return null;
        }
    }

    // ---------------------------------------------------------------- PMIG020, PMIG022

    private void CheckValues(MethodOps method, Action<Diagnostic> report)
    {
        var where = Name + "." + method.Method.Name;
        var impure = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var block in method.Blocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                var (member, type) = operation switch
                {
                    IInvocationOperation i => ((ISymbol?)i.TargetMethod, i.TargetMethod.ContainingType),
                    IPropertyReferenceOperation p => (p.Property, p.Property.ContainingType),
                    IFieldReferenceOperation f when !f.Field.IsConst => (f.Field, f.Field.ContainingType),
                    IObjectCreationOperation o => (o.Constructor, o.Type as INamedTypeSymbol),
                    IMethodReferenceOperation m => (m.Method, m.Method.ContainingType),
                    _ => ((ISymbol?)null, (INamedTypeSymbol?)null),
                };
                if (member is null || type is null)
                    continue;
                if (NonDeterministic(operation, member, type) is { } text)
                {
                    report(Diagnostic.Create(Rules.NonDeterministic, operation.Syntax.GetLocation(), text, where));
                    continue;
                }
                if (Impure(member, type) && impure.Add(member))
                    report(Diagnostic.Create(Rules.ImpureMigration, operation.Syntax.GetLocation(), type.Name + "." + (member is IMethodSymbol { MethodKind: MethodKind.Constructor } ? "new" : member.Name), where));
            }
        }
    }

    private static string Full(INamedTypeSymbol type) => type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.Name : type.Name;

    private static string? NonDeterministic(IOperation operation, ISymbol member, INamedTypeSymbol type)
    {
        var full = Full(type);
        switch (full)
        {
            case "System.DateTime" or "System.DateTimeOffset" when member.Name is "Now" or "UtcNow" or "Today":
            case "System.Guid" when member.Name is "NewGuid" or "CreateVersion7":
                return type.Name + "." + member.Name;
            case "System.Random" when operation is IObjectCreationOperation || member.IsStatic:
            case "System.Diagnostics.Stopwatch" when operation is IObjectCreationOperation || member.IsStatic:
            case "System.Security.Cryptography.RandomNumberGenerator" when member.IsStatic:
                return operation is IObjectCreationOperation ? "new " + type.Name + "()" : type.Name + "." + member.Name;
            case "System.Environment" when member.Name != "NewLine":
                return "Environment." + member.Name;
            default:
                return null;
        }
    }

    private static readonly string[] ImpureNamespaces =
    {
        "System.IO", "System.Net", "System.Data", "Dapper", "Microsoft.Data", "Npgsql", "MySqlConnector", "System.Diagnostics.Process",
        "Microsoft.EntityFrameworkCore", "Microsoft.Extensions.DependencyInjection",
    };

    private bool Impure(ISymbol member, INamedTypeSymbol type)
    {
        var full = Full(type);
        if (full == "System.IO.Path")
            return false;
        if (full is "System.Threading.Tasks.Task" && member.Name is "Delay" or "Run")
            return true;
        if (full is "System.Threading.Thread" && member.Name == "Sleep")
            return true;
        var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        if (ImpureNamespaces.Any(n => ns == n || ns.StartsWith(n + ".", StringComparison.Ordinal) || full.StartsWith(n, StringComparison.Ordinal) && n.Contains("Process")))
            return true;
        // Application code: a type of this compilation that is not a migration (nor the migration's own helpers).
        if (!SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, _compilation.Assembly) || type.TypeKind == TypeKind.Enum)
            return false;
        // A helper that is handed the builder (op.Helper(...) or Helper(op, ...)) only describes operations on it.
        if (member is IMethodSymbol method && method.Parameters.Any(p => IsBuilder(p.Type)))
            return false;
        for (var t = Type; t is not null; t = t.BaseType)
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, t.OriginalDefinition))
                return false;
        for (var t = type; t is not null; t = t.ContainingType)
            if (SymbolEqualityComparer.Default.Equals(t, Type))
                return false;
        return !_symbols.IsMigration(type);
    }

    private bool IsBuilder(ITypeSymbol type) =>
        SymbolEqualityComparer.Default.Equals(type, _symbols.Builder)
        || SymbolEqualityComparer.Default.Equals(type, _symbols.Batch)
        || SymbolEqualityComparer.Default.Equals(type, _symbols.CreateTable);

    // ---------------------------------------------------------------- PMIG053, PMIG060

    private static readonly HashSet<string> NameParameters = new(StringComparer.Ordinal) { "table", "name", "newName", "referencedTable" };
    private static readonly HashSet<string> NameListParameters = new(StringComparer.Ordinal) { "columns", "referencedColumns" };

    private void CheckIdentifiers(MethodOps method, Action<Diagnostic> report)
    {
        var pg = Targets(TargetDialects.PostgreSql);
        var mysql = Targets(TargetDialects.MySql);
        if (!pg && !mysql)
            return;
        foreach (var op in method.Ops)
        {
            if (op.Kind is OpKind.Execute or OpKind.InsertRows)
                continue;
            foreach (var argument in op.Invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is null)
                    continue;
                IEnumerable<string> names = NameParameters.Contains(argument.Parameter.Name) && Ops.Unwrap(argument.Value).ConstantValue is { HasValue: true, Value: string s }
                    ? new[] { s }
                    : NameListParameters.Contains(argument.Parameter.Name) ? Ops.ConstantStrings(argument.Value) : Array.Empty<string>();
                foreach (var name in names)
                {
                    if (name.StartsWith("(", StringComparison.Ordinal))
                        continue;
                    var bytes = Encoding.UTF8.GetByteCount(name);
                    if (pg && bytes > 63)
                        report(Diagnostic.Create(Rules.IdentifierTooLong, argument.Syntax.GetLocation(), name, bytes + " bytes", "PostgreSQL", "63 bytes and silently truncates the rest"));
                    else if (mysql && name.Length > 64)
                        report(Diagnostic.Create(Rules.IdentifierTooLong, argument.Syntax.GetLocation(), name, name.Length + " characters", "MySQL", "64 characters"));
                }
            }
        }
    }

    private void CheckMySqlDdlCount(MethodOps method, Action<Diagnostic> report)
    {
        var ddl = method.Ops.Where(o => !o.InBatch && IsDdl(o)).ToList();
        if (ddl.Count > 1)
            report(Diagnostic.Create(Rules.MySqlSeveralDdl, ddl[1].Location, method.Method.Name, Name, ddl.Count));
    }

    private static bool IsDdl(MigrationOp op)
    {
        switch (op.Kind)
        {
            case OpKind.Other or OpKind.InsertRows or OpKind.TableColumn or OpKind.TableConstraint or OpKind.TableForeignKey:
                return false;
            case OpKind.Execute:
                return op.String("sql") is { } sql && SqlText.Statements(sql).Any(s => s.Count > 0 && s[0].Text is "CREATE" or "ALTER" or "DROP" or "RENAME" or "TRUNCATE");
            default:
                return true;
        }
    }
}
