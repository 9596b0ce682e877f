using System;

namespace Panel.Migrations.Batch;

/// <summary>SQLite's type-affinity rules (datatype3.html §3.1), applied to a declared type in their documented order.</summary>
internal static class SqliteAffinity
{
    public static string Of(string declaredType)
    {
        var t = declaredType.ToUpperInvariant();
        if (t.Contains("INT", StringComparison.Ordinal))
            return "INTEGER";
        if (t.Contains("CHAR", StringComparison.Ordinal) || t.Contains("CLOB", StringComparison.Ordinal) || t.Contains("TEXT", StringComparison.Ordinal))
            return "TEXT";
        if (t.Length == 0 || t.Contains("BLOB", StringComparison.Ordinal))
            return "BLOB";
        if (t.Contains("REAL", StringComparison.Ordinal) || t.Contains("FLOA", StringComparison.Ordinal) || t.Contains("DOUB", StringComparison.Ordinal))
            return "REAL";
        return "NUMERIC";
    }
}
