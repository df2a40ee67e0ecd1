using KegAuth.Generators.Models;
using KegAuth.Generators.Parsing;

namespace KegAuth.Generators.Emitting.Specs;

/// <summary>
/// The user mixins and the spec each one emits, in one table: the generator's pipeline and the
/// collision checks' member lists both walk it, so a new mixin is a flag, a spec and a row here.
/// </summary>
internal static class UserMixinSpecs
{
    /// <summary>Each mixin's attribute flag, tracked step name and spec.</summary>
    public static readonly (KegAttributes Flag, string TrackingName, AttributeSpec<UserMixinModel> Spec)[] All =
    {
        (KegAttributes.UserEmail, KegTrackingNames.UserEmailParts, KegUserEmailMembers.Spec),
        (KegAttributes.UserToken, KegTrackingNames.UserTokenParts, KegUserTokenMembers.Spec),
        (KegAttributes.UserTotp, KegTrackingNames.UserTotpParts, KegUserTotpMembers.Spec),
        (KegAttributes.UserPasskeys, KegTrackingNames.UserPasskeysParts, KegUserPasskeysMembers.Spec),
    };
}
