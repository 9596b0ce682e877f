// Placeholder entry point: the migration command line (current, history, upgrade, ...) replaces it
// once Panel.Migrations.Cli and the generated MigrationRegistry exist.
System.Console.WriteLine("AaPanel sample: the command line is not wired yet");
return 0;
