extern alias PanelGenerator;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;
using MigrationGenerator = PanelGenerator::Panel.Migrations.Generator.MigrationGenerator;

namespace Panel.Migrations.Tests.Generator;

/// <summary>
/// The pipeline's models hold plain data only: a symbol, syntax node, location or compilation in them would pin
/// old compilations in memory and defeat the cache. Walks every field of every model type, generic arguments too.
/// </summary>
public class ModelShapeTests
{
    private const string ModelNamespace = "Panel.Migrations.Generator.Model";

    private static readonly Type[] ModelTypes = typeof(MigrationGenerator).Assembly.GetTypes()
        .Where(t => t.Namespace == ModelNamespace && !t.IsNested)
        .ToArray();

    [Fact]
    public void Model_types_exist()
    {
        Assert.Contains(ModelTypes, t => t.Name == "MigrationModel");
        Assert.Contains(ModelTypes, t => t.Name == "RegistryModel");
        Assert.Contains(ModelTypes, t => t.Name.StartsWith("EquatableArray", StringComparison.Ordinal));
    }

    [Fact]
    public void No_model_field_comes_from_Microsoft_CodeAnalysis()
    {
        var offending = new List<string>();
        foreach (var type in ModelTypes)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            {
                foreach (var used in Expand(field.FieldType))
                {
                    if (used.Assembly.GetName().Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
                    {
                        offending.Add($"{type.Name}.{field.Name}: {used.FullName}");
                    }
                }
            }
        }

        Assert.Empty(offending);
    }

    [Fact]
    public void Model_types_have_value_equality()
    {
        foreach (var type in ModelTypes.Where(t => !t.IsGenericTypeDefinition))
        {
            Assert.True(typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type), type.Name);
        }
    }

    [Fact]
    public void Field_types_are_strings_bools_or_equatable_arrays()
    {
        var allowed = new HashSet<Type> { typeof(string), typeof(bool), typeof(int) };
        foreach (var type in ModelTypes.Where(t => !t.IsGenericTypeDefinition))
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public))
            {
                var ok = allowed.Contains(field.FieldType)
                         || (field.FieldType.IsGenericType && field.FieldType.GetGenericTypeDefinition().Name.StartsWith("EquatableArray", StringComparison.Ordinal));
                Assert.True(ok, $"{type.Name}.{field.Name} is a {field.FieldType}");
            }
        }
    }

    private static IEnumerable<Type> Expand(Type type)
    {
        yield return type;
        if (type.HasElementType)
        {
            foreach (var inner in Expand(type.GetElementType()!))
            {
                yield return inner;
            }
        }

        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes)
        {
            foreach (var inner in Expand(argument))
            {
                yield return inner;
            }
        }
    }
}
