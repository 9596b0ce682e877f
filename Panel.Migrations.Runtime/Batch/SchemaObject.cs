namespace Panel.Migrations.Batch;

/// <summary>An index or trigger: its name and the statement that creates it.</summary>
/// <param name="Name">The name.</param>
/// <param name="Sql">The CREATE statement as stored.</param>
internal sealed record SchemaObject(string Name, string Sql);
