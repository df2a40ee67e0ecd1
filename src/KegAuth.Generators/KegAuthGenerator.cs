using System;
using System.Collections.Immutable;
using System.Threading;
using KegAuth.Generators.Emitting;
using KegAuth.Generators.Emitting.Specs;
using KegAuth.Generators.Models;
using KegAuth.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace KegAuth.Generators;

/// <summary>
/// Fills in the members keg-auth's mixins give a model: find annotated classes, parse each into a
/// plain equatable model, collect the models into the compile-time entity registry (which decides what
/// each class may refer to; the runtime reads the same choice from the EF model), emit text from the
/// models only. Each attribute's members go into a file of their own, and each file is emitted
/// from the slice of the models it reads, so an edit re-emits only the files it changes.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class KegAuthGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var users = Models(context, KegAttributeNames.User, static (ctx, ct) => UserParser.Parse(ctx, ct), KegTrackingNames.UserModels);
        var permissions = Entities(context, KegAttributeNames.Permission, EntityKind.Permission, KegTrackingNames.PermissionModels);
        var bundles = Entities(context, KegAttributeNames.Bundle, EntityKind.Bundle, KegTrackingNames.BundleModels);
        var groups = Entities(context, KegAttributeNames.Group, EntityKind.Group, KegTrackingNames.GroupModels);
        var attempts = Models(context, KegAttributeNames.Attempt, static (ctx, ct) => AttemptParser.Parse(ctx, ct), KegTrackingNames.AttemptModels);
        var permissionSets = Models(context, KegAttributeNames.PermissionSet, static (ctx, _) => PermissionSetParser.Parse(ctx), KegTrackingNames.PermissionSetModels);

        // The registry only needs to name each class; derive that from the models.
        var attemptRegistrations = attempts
            .Select(static (model, _) => RegistrationParser.From(model))
            .WithTrackingName(KegTrackingNames.AttemptRegistrations);
        var registry = users.Select(static (model, _) => RegistrationParser.From(model)).Collect()
            .Combine(permissions.Select(static (model, _) => RegistrationParser.From(model)).Collect()).Select(Concat)
            .Combine(bundles.Select(static (model, _) => RegistrationParser.From(model)).Collect()).Select(Concat)
            .Combine(groups.Select(static (model, _) => RegistrationParser.From(model)).Collect()).Select(Concat)
            .Combine(attemptRegistrations.Collect()).Select(Concat)
            .Select(static (all, _) => RegistryBuilder.Build(all))
            .WithTrackingName(KegTrackingNames.Registry);

        Output(context, users, KegUserMembers.Spec);
        // One node per slice (SelectMany of zero or one), not Where then Select: a rerun walks every node's table.
        foreach (var (flag, trackingName, spec) in UserMixinSpecs.All)
        {
            Output(context, users.SelectMany((user, _) => OneIf(user.Has(flag), user, UserMixinModel.From)).WithTrackingName(trackingName), spec);
        }

        var permissionUsers = users.Combine(registry)
            .SelectMany(static (pair, _) => PermissionUserModel.From(pair.Left, pair.Right) is { } model ? ImmutableArray.Create(model) : ImmutableArray<PermissionUserModel>.Empty)
            .WithTrackingName(KegTrackingNames.PermissionUsers);
        Output(context, permissionUsers, KegUserPermissionMembers.Spec);

        Output(context, attempts, KegAttemptMembers.Spec);
        Output(context, permissions, KegPermissionMembers.Spec);
        Output(context, permissionSets, KegPermissionSetMembers.Spec);
        Output(context, Groupings(bundles, registry, KegTrackingNames.BundleParts), KegBundleMembers.Spec);
        Output(context, Groupings(groups, registry, KegTrackingNames.GroupParts), KegGroupMembers.Spec);
    }

    private static IncrementalValuesProvider<TModel> Models<TModel>(
        IncrementalGeneratorInitializationContext context, string attribute, Func<GeneratorAttributeSyntaxContext, CancellationToken, TModel?> parse, string trackingName)
        where TModel : class =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(attribute, static (node, _) => EntityTypeParser.IsCandidate(node), parse)
            .SelectMany(static (model, _) => model is null ? ImmutableArray<TModel>.Empty : ImmutableArray.Create(model))
            .WithTrackingName(trackingName);

    private static IncrementalValuesProvider<KegEntityModel> Entities(
        IncrementalGeneratorInitializationContext context, string attribute, EntityKind kind, string trackingName) =>
        Models(context, attribute, (ctx, ct) => KegEntityParser.Parse(ctx, kind, ct), trackingName);

    private static IncrementalValuesProvider<GroupingModel> Groupings(
        IncrementalValuesProvider<KegEntityModel> entities, IncrementalValueProvider<RegistryModel> registry, string trackingName) =>
        entities.Combine(registry).Select(static (pair, _) => GroupingModel.From(pair.Left, pair.Right)).WithTrackingName(trackingName);

    private static void Output<TModel>(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<TModel> models, AttributeSpec<TModel> spec) =>
        context.RegisterSourceOutput(models, (spc, model) => spc.AddSource(spec.HintName(model), spec.Emit(model)));

    private static ImmutableArray<TResult> OneIf<TSource, TResult>(bool condition, TSource source, Func<TSource, TResult> select) =>
        condition ? ImmutableArray.Create(select(source)) : ImmutableArray<TResult>.Empty;

    private static ImmutableArray<RegistrationModel> Concat((ImmutableArray<RegistrationModel> Left, ImmutableArray<RegistrationModel> Right) pair, CancellationToken cancellationToken) =>
        pair.Left.AddRange(pair.Right);
}
