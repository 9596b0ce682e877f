using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Cli;

/// <summary>
/// <c>upgrade --plan --json</c>: the plan as JSON, schema <c>panel-migrations/plan</c> version 1 (docs/plan.md). Written with
/// <see cref="Utf8JsonWriter"/>: no reflection, and the field order is the documented one.
/// </summary>
internal static class PlanJson
{
    /// <summary>The schema's version; a change that removes or renames a field raises it.</summary>
    public const int Version = 1;

    public static string Write(MigrationPlan plan)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("schema", "panel-migrations/plan");
            json.WriteNumber("version", Version);
            json.WriteString("direction", Name(plan.Direction));
            json.WriteString("target", plan.Target);
            json.WriteStartObject("database");
            json.WriteString("kind", plan.Kind switch { DatabaseKind.PostgreSql => "postgresql", DatabaseKind.MySql => "mysql", _ => "sqlite" });
            json.WriteString("name", plan.Database);
            json.WriteEndObject();
            Strings(json, "headsBefore", plan.HeadsBefore);
            Strings(json, "headsAfter", plan.HeadsAfter);
            json.WriteBoolean("canRun", plan.CanRun);
            json.WriteStartArray("findings");
            foreach (var finding in plan.Findings)
            {
                json.WriteStartObject();
                json.WriteString("kind", Camel(finding.Kind.ToString()));
                json.WriteBoolean("blocks", finding.Blocks);
                json.WriteString("message", finding.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("steps");
            foreach (var step in plan.Steps)
            {
                json.WriteStartObject();
                json.WriteString("revision", step.Revision);
                json.WriteString("message", step.Message);
                json.WriteString("direction", Name(step.Direction));
                Strings(json, "downRevisions", step.DownRevisions);
                json.WriteString("transaction", Camel(step.Transaction.ToString()));
                Strings(json, "rebuiltTables", step.RebuiltTables);
                Strings(json, "alteredInPlaceTables", step.AlteredInPlaceTables);
                Strings(json, "statements", step.Statements);
                Strings(json, "headsAfter", step.HeadsAfter);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Strings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
    }

    private static string Name(MigrationDirection direction) => direction == MigrationDirection.Upgrade ? "upgrade" : "downgrade";

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);
}
