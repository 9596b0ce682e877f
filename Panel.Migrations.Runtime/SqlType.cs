using System;

namespace Panel.Migrations;

/// <summary>A portable column type, e.g. <c>SqlType.String(64)</c>; the dialect renders it.</summary>
public sealed record SqlType
{
    private SqlType(SqlTypeKind kind, int? length = null, int? precision = null, int? scale = null, string? declaration = null)
    {
        Kind = kind;
        Length = length;
        Precision = precision;
        Scale = scale;
        Declaration = declaration;
    }

    /// <summary>Which portable type this is.</summary>
    public SqlTypeKind Kind { get; }

    /// <summary>The maximum length of a <see cref="SqlTypeKind.String"/>.</summary>
    public int? Length { get; }

    /// <summary>The precision of a <see cref="SqlTypeKind.Decimal"/>.</summary>
    public int? Precision { get; }

    /// <summary>The scale of a <see cref="SqlTypeKind.Decimal"/>.</summary>
    public int? Scale { get; }

    /// <summary>The verbatim declaration of a <see cref="SqlTypeKind.Custom"/> type.</summary>
    public string? Declaration { get; }

    /// <summary>A 32-bit integer.</summary>
    public static SqlType Integer { get; } = new(SqlTypeKind.Integer);

    /// <summary>A 64-bit integer.</summary>
    public static SqlType BigInteger { get; } = new(SqlTypeKind.BigInteger);

    /// <summary>Text of unbounded length.</summary>
    public static SqlType Text { get; } = new(SqlTypeKind.Text);

    /// <summary>A boolean.</summary>
    public static SqlType Boolean { get; } = new(SqlTypeKind.Boolean);

    /// <summary>A date and time without a time zone.</summary>
    public static SqlType DateTime { get; } = new(SqlTypeKind.DateTime);

    /// <summary>A double-precision floating-point number.</summary>
    public static SqlType Float { get; } = new(SqlTypeKind.Float);

    /// <summary>Binary data.</summary>
    public static SqlType Blob { get; } = new(SqlTypeKind.Blob);

    /// <summary>Text of at most <paramref name="length"/> characters (VARCHAR).</summary>
    public static SqlType String(int length) =>
        length > 0 ? new(SqlTypeKind.String, length: length)
                   : throw new ArgumentOutOfRangeException(nameof(length), length, "A string length must be positive, e.g. SqlType.String(64).");

    /// <summary>An exact decimal number with <paramref name="precision"/> digits, <paramref name="scale"/> of them after the point.</summary>
    public static SqlType Decimal(int precision, int scale) =>
        precision > 0 && scale >= 0 && scale <= precision
            ? new(SqlTypeKind.Decimal, precision: precision, scale: scale)
            : throw new ArgumentOutOfRangeException(nameof(precision), $"Decimal({precision}, {scale}) is not valid: precision must be positive and 0 <= scale <= precision, e.g. SqlType.Decimal(10, 2).");

    /// <summary>
    /// A type declared verbatim, e.g. <c>SqlType.Custom("REAL")</c>, rendered as written on every database.
    /// For the rare column whose exact declared type matters (aaPanel's legacy REAL columns).
    /// </summary>
    public static SqlType Custom(string declaration) =>
        !string.IsNullOrWhiteSpace(declaration) ? new(SqlTypeKind.Custom, declaration: declaration.Trim())
                                                : throw new ArgumentException("A custom type needs a declaration, e.g. SqlType.Custom(\"REAL\").", nameof(declaration));

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        SqlTypeKind.String => $"String({Length})",
        SqlTypeKind.Decimal => $"Decimal({Precision}, {Scale})",
        SqlTypeKind.Custom => $"Custom({Declaration})",
        _ => Kind.ToString(),
    };
}
