using KegAuth.Generators.Emitting;
using KegAuth.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace KegAuth.Generators;

/// <summary>
/// Fills in the members keg-auth's mixins give a model: find annotated classes, parse each into a
/// plain equatable model, emit text from the model only.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class KegAuthGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var users = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KegAttributeNames.User,
                static (node, _) => EntityTypeParser.IsCandidate(node),
                static (ctx, ct) => UserParser.Parse(ctx, ct))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(KegTrackingNames.UserModels);

        context.RegisterSourceOutput(users, static (spc, model) =>
            spc.AddSource(UserEmitter.HintName(model), UserEmitter.Emit(model)));

        var attempts = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KegAttributeNames.Attempt,
                static (node, _) => EntityTypeParser.IsCandidate(node),
                static (ctx, ct) => AttemptParser.Parse(ctx, ct))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(KegTrackingNames.AttemptModels);

        context.RegisterSourceOutput(attempts, static (spc, model) =>
            spc.AddSource(AttemptEmitter.HintName(model), AttemptEmitter.Emit(model)));
    }
}
