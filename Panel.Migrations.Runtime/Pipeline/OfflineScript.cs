using System.Collections.Generic;
using System.Linq;
using System.Text;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Pipeline;

/// <summary>
/// Offline <c>--sql</c>: the SQL a plan would run, as a script, without a connection. Values are written as literals, so
/// the script stands by itself; a SQLite rebuild, which reads the live table, is refused.
/// </summary>
internal static class OfflineScript
{
    public static string Render(PipelineContext context, MigrationDirection direction, string target, IReadOnlyCollection<string> heads)
    {
        var plan = direction == MigrationDirection.Upgrade ? context.Map.Graph.PlanUpgrade(heads, target) : context.Map.Graph.PlanDowngrade(heads, target);
        var script = new StringBuilder();
        // As Alembic: BEGIN/COMMIT around each migration where DDL is transactional (PostgreSQL), a word where it is not.
        var transactional = context.Options.Kind == DatabaseKind.PostgreSql;
        if (context.Options.Kind == DatabaseKind.MySql && plan.Steps.Count > 0)
            script.Append("-- MySQL/MariaDB commit each DDL statement as it runs: this script is not transactional, and a statement that fails\n")
                  .Append("-- leaves the ones before it applied (the version row moves only after each migration's statements).\n\n");
        if (heads.Count == 0)
            script.Append(context.Versions.CreateSql).Append(";\n\n");
        foreach (var step in plan.Steps)
        {
            var inTransaction = transactional && context.Map[step.Revision].Transaction != MigrationTransaction.None;
            if (inTransaction)
                script.Append("BEGIN;\n\n");
            script.Append("-- Running ").Append(context.Line(step)).Append("\n\n");
            var operations = context.Describe(context.Map[step.Revision], step.Direction);
            if (context.Rebuilds(operations).FirstOrDefault() is { } rebuild)
                throw new MigrationException(
                    $"This operation cannot proceed in --sql mode: {context.Line(step)} rebuilds table '{rebuild.TableName}' (SQLite batch \"move and copy\"), " +
                    "which reads the live table (columns, constraints, indexes, triggers) from the database. Run the upgrade against the database instead, " +
                    "or write the rebuild as op.Execute(...) statements for an offline script.");
            foreach (var statement in context.Render(operations))
            {
                if (statement.OnlyIf is { } condition)
                    script.Append("-- only where this is not 0: ").Append(context.Inline(condition)).Append('\n');
                script.Append(context.Inline(statement)).Append(";\n\n");
            }
            foreach (var (statement, _) in context.Versions.Statements(step.Change))
                script.Append(context.Inline(statement)).Append(";\n\n");
            if (inTransaction)
                script.Append("COMMIT;\n\n");
        }
        return script.ToString();
    }
}
