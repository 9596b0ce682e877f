namespace Panel.Migrations;

/// <summary>The portable column types; each dialect maps them to its own.</summary>
public enum SqlTypeKind
{
    /// <summary>A 32-bit integer.</summary>
    Integer,
    /// <summary>A 64-bit integer.</summary>
    BigInteger,
    /// <summary>Text of unbounded length.</summary>
    Text,
    /// <summary>A boolean, stored as 0/1 where the database has no boolean type.</summary>
    Boolean,
    /// <summary>Text of a bounded length (VARCHAR).</summary>
    String,
    /// <summary>A date and time without a time zone.</summary>
    DateTime,
    /// <summary>An exact decimal number with precision and scale.</summary>
    Decimal,
    /// <summary>A double-precision floating-point number.</summary>
    Float,
    /// <summary>Binary data.</summary>
    Blob,
    /// <summary>A type declared verbatim, the same on every database.</summary>
    Custom,
}
