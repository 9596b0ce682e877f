using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Panel.Migrations.Analyzers;

/// <summary>Reads a condition on <c>op.Database</c>: the databases for which it is true.</summary>
internal static class DatabaseTest
{
    /// <summary>The databases for which <paramref name="condition"/> holds, or null when it does not test only <c>op.Database</c>.</summary>
    public static TargetDialects? Read(IOperation condition, MigrationSymbols symbols)
    {
        condition = Ops.Unwrap(condition);
        switch (condition)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
            {
                var kind = IsDatabase(binary.LeftOperand, symbols) ? Kind(binary.RightOperand)
                    : IsDatabase(binary.RightOperand, symbols) ? Kind(binary.LeftOperand) : null;
                return kind is null ? null : binary.OperatorKind == BinaryOperatorKind.Equals ? kind : TargetDialectsOption.All & ~kind.Value;
            }
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical:
            {
                var left = Read(logical.LeftOperand, symbols);
                var right = Read(logical.RightOperand, symbols);
                if (left is null || right is null)
                    return null;
                return logical.OperatorKind == BinaryOperatorKind.ConditionalAnd ? left.Value & right.Value : left.Value | right.Value;
            }
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Read(not.Operand, symbols) is { } inner ? TargetDialectsOption.All & ~inner : null;
            case IIsPatternOperation pattern when IsDatabase(pattern.Value, symbols):
                return Pattern(pattern.Pattern);
            default:
                return null;
        }
    }

    /// <summary>Whether the value is the builder's <c>Database</c> property.</summary>
    public static bool IsDatabase(IOperation value, MigrationSymbols symbols) =>
        Ops.Unwrap(value) is IPropertyReferenceOperation { Property.Name: "Database" } property
        && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, symbols.Builder);

    /// <summary>The database a constant <c>DatabaseKind</c> names (Sqlite = 0, PostgreSql = 1, MySql = 2), or null.</summary>
    public static TargetDialects? Kind(IOperation value) =>
        Ops.Unwrap(value).ConstantValue is { HasValue: true, Value: int kind } && kind is >= 0 and <= 2 ? (TargetDialects)(1 << kind) : null;

    private static TargetDialects? Pattern(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation constant => Kind(constant.Value),
        INegatedPatternOperation negated => Pattern(negated.Pattern) is { } inner ? TargetDialectsOption.All & ~inner : null,
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or or BinaryOperatorKind.And } binary
            when Pattern(binary.LeftPattern) is { } left && Pattern(binary.RightPattern) is { } right =>
            binary.OperatorKind == BinaryOperatorKind.Or ? left | right : left & right,
        _ => null,
    };
}
