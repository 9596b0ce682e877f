using System.Text;
using Panel.Migrations.Graph;
using Panel.Migrations.Pipeline;

namespace Panel.Migrations.Cli;

/// <summary><c>upgrade --plan</c>: the plan as text, each step in Alembic's words followed by its SQL, then the findings.</summary>
internal static class PlanText
{
    public static string Write(MigrationPlan plan, string database)
    {
        var text = new StringBuilder();
        var verb = plan.Direction == MigrationDirection.Upgrade ? "upgrade" : "downgrade";
        text.Append("Database: ").Append(database).Append('\n');
        text.Append("Plan: ").Append(verb).Append(" to ").Append(plan.Target).Append(" from ").Append(PipelineContext.HeadsText(plan.HeadsBefore));
        text.Append(plan.CanRun ? $" to {PipelineContext.HeadsText(plan.HeadsAfter)}, {plan.Steps.Count} step(s)" : ": refused").Append('\n');
        foreach (var step in plan.Steps)
        {
            var parents = PipelineContext.HeadsText(step.DownRevisions);
            var message = step.Message.Length == 0 ? "" : ", " + step.Message;
            text.Append('\n').Append(step.Direction == MigrationDirection.Upgrade ? $"upgrade {parents} -> {step.Revision}{message}" : $"downgrade {step.Revision} -> {parents}{message}");
            if (step.Transaction != StepTransaction.Transactional)
                text.Append(step.Transaction == StepTransaction.None ? " (no transaction)" : " (DDL commits as it runs)");
            text.Append('\n');
            foreach (var statement in step.Statements)
                text.Append("    ").Append(statement.Replace("\n", "\n    ", System.StringComparison.Ordinal)).Append(statement.StartsWith("--", System.StringComparison.Ordinal) ? "\n" : ";\n");
        }

        if (plan.Findings.Count > 0)
            text.Append('\n');
        foreach (var finding in plan.Findings)
            text.Append(finding.Blocks ? "REFUSED: " : "WARNING: ").Append(finding.Message).Append('\n');
        if (plan.CanRun && plan.IsEmpty)
            text.Append("Nothing to ").Append(verb).Append(".\n");
        return text.ToString();
    }
}
