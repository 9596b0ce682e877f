using System;
using Xunit;

namespace Panel.Migrations.Tests.Infrastructure;

/// <summary>
/// A <see cref="TheoryAttribute"/> for the full-tmpfs cases: skipped, with the reason, where a tmpfs cannot be mounted
/// outside CI. In CI it always runs (the cases fall back to <see cref="FullDisk.FileSizeLimit"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TmpfsTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when no tmpfs can be mounted and this is not CI.</summary>
    public TmpfsTheoryAttribute()
    {
        if (FullDisk.MountRefusal is { } reason && !ServerFixture.InCi)
            Skip = $"cannot mount a tmpfs here ({reason}); outside CI the full-tmpfs cases are skipped, the file-size-limit cases still run";
    }
}
