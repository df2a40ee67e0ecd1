using KegAuth.Generators.Emitting;
using KegAuth.Generators.Models;
using KegAuth.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace KegAuth.Generators;

/// <summary>
/// Fills in the members keg-auth's mixins give a model: find annotated classes, parse each into a
/// plain equatable model, collect the models into the compile-time entity registry, emit text from
/// the models only.
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

        var permissions = Entities(context, KegAttributeNames.Permission, EntityKind.Permission, KegTrackingNames.PermissionModels);
        var bundles = Entities(context, KegAttributeNames.Bundle, EntityKind.Bundle, KegTrackingNames.BundleModels);
        var groups = Entities(context, KegAttributeNames.Group, EntityKind.Group, KegTrackingNames.GroupModels);
        var attempts = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KegAttributeNames.Attempt,
                static (node, _) => EntityTypeParser.IsCandidate(node),
                static (ctx, ct) => AttemptParser.Parse(ctx, ct))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(KegTrackingNames.AttemptModels);

        var permissionSets = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KegAttributeNames.PermissionSet,
                static (node, _) => EntityTypeParser.IsCandidate(node),
                static (ctx, _) => PermissionSetParser.Parse(ctx))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(KegTrackingNames.PermissionSetModels);
        context.RegisterSourceOutput(permissionSets, static (spc, model) =>
            spc.AddSource(PermissionSetEmitter.HintName(model), PermissionSetEmitter.Emit(model)));

        context.RegisterSourceOutput(attempts, static (spc, model) =>
            spc.AddSource(AttemptEmitter.HintName(model), AttemptEmitter.Emit(model)));

        // The registry only needs to name the attempt class; derive it from the attempt model.
        var attemptRegistrations = attempts
            .Select(static (model, _) => RegistrationParser.From(model))
            .WithTrackingName(KegTrackingNames.AttemptRegistrations);

        var entities = permissions.Collect()
            .Combine(bundles.Collect())
            .Combine(groups.Collect())
            .Select(static (pair, _) => pair.Left.Left.AddRange(pair.Left.Right).AddRange(pair.Right));

        var registry = users.Select(static (user, _) => RegistrationParser.From(user)).Collect()
            .Combine(entities.Select(static (all, _) => System.Linq.ImmutableArrayExtensions.Select(all, RegistrationParser.From)))
            .Combine(attemptRegistrations.Collect())
            .Select(static (pair, _) => RegistryBuilder.Build(System.Linq.Enumerable.Concat(System.Linq.Enumerable.Concat(pair.Left.Left, pair.Left.Right), pair.Right)))
            .WithTrackingName(KegTrackingNames.Registry);

        var usersWithRegistry = users.Combine(registry).WithTrackingName(KegTrackingNames.UsersWithRegistry);
        context.RegisterSourceOutput(usersWithRegistry, static (spc, pair) =>
            spc.AddSource(UserEmitter.HintName(pair.Left), UserEmitter.Emit(pair.Left, pair.Right)));

        var entitiesWithRegistry = entities
            .SelectMany(static (all, _) => all)
            .Combine(registry)
            .WithTrackingName(KegTrackingNames.EntitiesWithRegistry);
        context.RegisterSourceOutput(entitiesWithRegistry, static (spc, pair) =>
            spc.AddSource(KegEntityEmitter.HintName(pair.Left), KegEntityEmitter.Emit(pair.Left, pair.Right)));

        context.RegisterSourceOutput(registry, static (spc, model) =>
        {
            if (!model.IsEmpty)
            {
                spc.AddSource(RegistryEmitter.HintName, RegistryEmitter.Emit(model));
            }
        });
    }

    private static IncrementalValuesProvider<KegEntityModel> Entities(
        IncrementalGeneratorInitializationContext context, string attribute, EntityKind kind, string trackingName) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attribute,
                static (node, _) => EntityTypeParser.IsCandidate(node),
                (ctx, ct) => KegEntityParser.Parse(ctx, kind, ct))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(trackingName);
}
