using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KegAuth.Generators.Diagnostics;

/// <summary>
/// KEG012: a constant permission token that no <c>[KegPermissionSet]</c> of the compilation declares,
/// passed to a parameter marked <c>[KegPermissionToken]</c> (KegAuth's permission APIs, directly or through
/// the interface member a generated method implements, or the implicit conversion to
/// <c>PermissionCondition</c>). Silent while the compilation declares no set. The diagnostic carries the
/// closest declared constant for the code fix.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KegPermissionTokenAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The diagnostic property holding the closest declared constant, <c>global::</c>-qualified.</summary>
    public const string ReplacementProperty = "Replacement";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.UndeclaredPermissionToken);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var marker = start.Compilation.GetTypeByMetadataName(KegAttributeNames.PermissionToken);
            if (marker is null)
            {
                return;
            }

            var index = new System.Lazy<DeclaredPermissionIndex>(() => DeclaredPermissionIndex.For(start.Compilation, start.CancellationToken));
            start.RegisterOperationAction(
                operation =>
                {
                    if (!index.Value.HasSets)
                    {
                        return;
                    }

                    var arguments = operation.Operation switch
                    {
                        IInvocationOperation invocation => invocation.Arguments,
                        IObjectCreationOperation creation => creation.Arguments,
                        _ => ImmutableArray<IArgumentOperation>.Empty,
                    };
                    foreach (var argument in arguments)
                    {
                        if (argument.Parameter is { } parameter && IsMarked(parameter, marker))
                        {
                            foreach (var value in Values(argument))
                            {
                                Check(operation, value, index.Value);
                            }
                        }
                    }
                },
                OperationKind.Invocation,
                OperationKind.ObjectCreation);
            start.RegisterOperationAction(
                operation =>
                {
                    var conversion = (IConversionOperation)operation.Operation;
                    if (index.Value.HasSets && conversion.OperatorMethod is { Parameters.Length: 1 } method && IsMarked(method.Parameters[0], marker))
                    {
                        Check(operation, conversion.Operand, index.Value);
                    }
                },
                OperationKind.Conversion);
        });
    }

    private static IEnumerable<IOperation> Values(IArgumentOperation argument) =>
        argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer }
            ? initializer.ElementValues
            : new[] { argument.Value };

    private static void Check(OperationAnalysisContext context, IOperation value, DeclaredPermissionIndex index)
    {
        while (value is IConversionOperation { IsImplicit: true, OperatorMethod: null } implicitConversion)
        {
            value = implicitConversion.Operand;
        }

        if (value.ConstantValue is not { HasValue: true, Value: string token } || !index.HasSets || index.Owners.ContainsKey(token))
        {
            return;
        }

        var closest = Closest(token, index);
        var properties = ImmutableDictionary<string, string?>.Empty;
        var hint = string.Empty;
        if (closest is not null)
        {
            var owner = index.Owners[closest];
            var qualified = owner.Set.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + owner.FieldName;
            properties = properties.Add(ReplacementProperty, qualified);
            hint = "; did you mean " + owner.Set.Name + "." + owner.FieldName + " (\"" + closest + "\")?";
        }

        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UndeclaredPermissionToken, value.Syntax.GetLocation(), properties, token, hint));
    }

    // Edit distance picks the likely typo; ties go to the first declared.
    private static string? Closest(string token, DeclaredPermissionIndex index)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var declared in index.Owners.Keys)
        {
            var distance = EditDistance(token, declared);
            if (distance < bestDistance)
            {
                best = declared;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>The Levenshtein distance between <paramref name="a"/> and <paramref name="b"/>.</summary>
    internal static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = System.Math.Min(System.Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    // The parameter itself, or the interface parameter a generated method's parameter implements.
    private static bool IsMarked(IParameterSymbol parameter, INamedTypeSymbol marker)
    {
        if (HasMarker(parameter, marker))
        {
            return true;
        }

        if (parameter.ContainingSymbol is not IMethodSymbol method || method.ContainingType is not { } type)
        {
            return false;
        }

        foreach (var candidate in method.ExplicitInterfaceImplementations.Concat(InterfaceMembers(method, type)))
        {
            if (parameter.Ordinal < candidate.Parameters.Length && HasMarker(candidate.Parameters[parameter.Ordinal], marker))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<IMethodSymbol> InterfaceMembers(IMethodSymbol method, INamedTypeSymbol type) =>
        type.AllInterfaces.SelectMany(i => i.GetMembers(method.Name).OfType<IMethodSymbol>())
            .Where(member => SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method));

    private static bool HasMarker(IParameterSymbol parameter, INamedTypeSymbol marker) =>
        parameter.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, marker));
}
