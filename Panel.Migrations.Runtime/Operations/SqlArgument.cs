namespace Panel.Migrations.Operations;

/// <summary>A named value bound to a parameter of free SQL, e.g. <c>@name</c>; never spliced into the text.</summary>
/// <param name="Name">The parameter name, without the prefix.</param>
/// <param name="Value">The value: a string, number, boolean, byte array, <see cref="System.DateTime"/> or null.</param>
public readonly record struct SqlArgument(string Name, object? Value);
