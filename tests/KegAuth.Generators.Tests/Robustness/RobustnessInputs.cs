using Microsoft.CodeAnalysis.CSharp;

namespace KegAuth.Generators.Tests.Robustness;

/// <summary>
/// Unusual but legal (or half-typed) user code: every shape issue 21 lists, and more of our own.
/// Each input is a named case so a failure says which shape broke.
/// </summary>
internal static class RobustnessInputs
{
    private const string Id = "public int Id { get; set; }";
    private const string Usings = "using KegAuth;\nusing System.ComponentModel.DataAnnotations;\n";

    /// <summary>One input: the user's files and the language version.</summary>
    public sealed record Case(string Name, string[] Sources, LanguageVersion Version = LanguageVersion.Latest);

    /// <summary>Every case, by name.</summary>
    public static readonly IReadOnlyDictionary<string, Case> All = Build().ToDictionary(c => c.Name);

    private static Case C(string name, string source, LanguageVersion version = LanguageVersion.Latest) => new(name, [Usings + source], version);

    private static Case Files(string name, params string[] sources) => new(name, sources.Select(s => Usings + s).ToArray());

    private static IEnumerable<Case> Build()
    {
        // Crashes in issue 21 (CS8785 threw away all output).
        yield return C("file_local_user", $"namespace Sample; [KegUser] file partial class User {{ {Id} }}");
        yield return C("file_local_permission_next_to_user", $"namespace Sample; [KegPermission] file partial class P {{ {Id} }} [KegUser] public partial class User {{ {Id} }}");
        yield return C("file_local_attempt", $"[KegAttempt] file partial class Attempt {{ {Id} }}");
        yield return C("keyword_namespace_file_scoped", $"namespace @event.@params; [KegUser] public partial class User {{ {Id} }}");
        yield return C("keyword_namespace_block", $"namespace @class.@int {{ [KegUser, KegUserEmail, KegUserToken] public partial class User {{ {Id} }} [KegPermission] public partial class P {{ {Id} }} }}");
        yield return C("user_attribute_on_two_parts", $"[KegUser] public partial class User {{ {Id} }} [KegUser] public partial class User {{ }}");
        yield return C("permission_attribute_on_two_parts", $"[KegPermission] public partial class P {{ {Id} }} [KegPermission] public partial class P {{ }}");
        yield return Files("user_attribute_on_two_parts_in_two_files", $"[KegUser] public partial class User {{ {Id} }}", "[KegUser] public partial class User { }");
        yield return C("attempt_attribute_on_two_parts", $"[KegAttempt] public partial class A {{ {Id} }} [KegAttempt] partial class A {{ }}");
        yield return C("mixin_on_another_part", $"[KegUser] public partial class User {{ {Id} }} [KegUserEmail] public partial class User {{ }}");
        yield return C("mixin_on_both_parts", $"[KegUser, KegUserToken] public partial class User {{ {Id} }} [KegUserToken] public partial class User {{ }}");
        yield return C("two_nameless_users", "[KegUser] partial class { } [KegUser] partial class { }");
        yield return C("nameless_user", "[KegUser] public partial class { public int Id { get; set; } }");
        yield return C("nameless_user_next_to_valid_user", $"[KegUser] partial class {{ }} [KegUser] public partial class User {{ {Id} }}");

        // Uncompilable output in issue 21.
        yield return C("class_named_keyword", $"[KegUser] public partial class @class {{ {Id} }}");
        yield return C("permission_named_keyword", $"[KegPermission] public partial class @event {{ {Id} }} [KegUser] public partial class @object {{ {Id} }}");
        yield return C("nested_in_keyword_class", $"public partial class @static {{ [KegUser] public partial class User {{ {Id} }} }}");
        yield return C("key_named_class", "[KegUser] public partial class User { [Key] public int @class { get; set; } }");
        yield return C("key_named_event", "[KegUser, KegUserToken] public partial class User { [Key] public string @event { get; set; } = \"\"; } [KegPermission] public partial class P { [Key] public int @event { get; set; } } [KegGroup] public partial class G { [Key] public int @event { get; set; } }");
        yield return C("key_named_options", "[KegUser] public partial class User { [Key] public int options { get; set; } }");
        yield return C("key_named_token", "[KegUser, KegUserToken] public partial class User { [Key] public string token { get; set; } = \"\"; }");
        yield return C("group_key_named_db", $"[KegPermission] public partial class P {{ {Id} }} [KegGroup] public partial class G {{ [Key] public int db {{ get; set; }} }}");
        yield return C("user_key_named_cancellationToken", $"[KegUser] public partial class User {{ [Key] public int cancellationToken {{ get; set; }} }} [KegPermission] public partial class P {{ {Id} }}");
        yield return C("user_key_named_utcNow", "[KegUser] public partial class User { [Key] public long utcNow { get; set; } }");
        yield return C("user_key_named_plain", "[KegUser] public partial class User { [Key] public int plain { get; set; } }");
        yield return C("user_key_named_newPassword", "[KegUser] public partial class User { [Key] public System.Guid newPassword { get; set; } }");
        yield return C("attempt_key_named_username", "[KegAttempt] public partial class A { [Key] public int username { get; set; } }");
        yield return C("lang_version_9", $"namespace Sample {{ [KegUser] public partial class User {{ {Id} }} [KegPermission] public partial class P {{ {Id} }} }}", LanguageVersion.CSharp9);
        yield return C("lang_version_10", $"namespace Sample; [KegUser, KegUserEmail] public partial class User {{ {Id} }} [KegAttempt] public partial class A {{ {Id} }}", LanguageVersion.CSharp10);
        yield return C("lang_version_10_attempt_only", $"namespace Sample; [KegAttempt] public partial class A {{ {Id} }}", LanguageVersion.CSharp10);
        yield return C("lang_version_11", $"namespace Sample; [KegUser, KegUserToken] public partial class User {{ {Id} }} [KegPermission] public partial class P {{ {Id} }}", LanguageVersion.CSharp11);
        yield return C("lang_version_12", $"namespace Sample; [KegUser] public partial class User {{ {Id} }}", LanguageVersion.CSharp12);
        yield return C("lang_version_preview", $"namespace Sample; [KegUser] public partial class User {{ {Id} }}", LanguageVersion.Preview);
        yield return C("private_nested_user", $"public partial class Outer {{ [KegUser] private partial class User {{ {Id} }} }}");
        yield return C("protected_nested_permission", $"public partial class Outer {{ [KegPermission] protected partial class P {{ {Id} }} }} [KegUser] public partial class User {{ {Id} }}");
        yield return C("private_protected_nested_group", $"[KegPermission] public partial class P {{ {Id} }} public partial class Outer {{ [KegGroup] private protected partial class G {{ {Id} }} }}");
        yield return C("protected_internal_nested_bundle", $"[KegPermission] public partial class P {{ {Id} }} public partial class Outer {{ [KegBundle] protected internal partial class B {{ {Id} }} }}");
        yield return C("private_nested_attempt", $"public partial class Outer {{ [KegAttempt] private partial class A {{ {Id} }} }}");
        yield return C("public_user_internal_permission", $"[KegUser] public partial class User {{ {Id} }} [KegPermission] internal partial class P {{ {Id} }}");
        yield return C("public_bundle_internal_user", $"[KegUser] internal partial class User {{ {Id} }} [KegPermission] public partial class P {{ {Id} }} [KegBundle] public partial class B {{ {Id} }}");
        yield return C("public_group_internal_bundle", $"[KegPermission] public partial class P {{ {Id} }} [KegBundle] internal partial class B {{ {Id} }} [KegGroup] public partial class G {{ {Id} }}");
        yield return C("public_nested_in_internal", $"internal partial class Outer {{ [KegUser] public partial class User {{ {Id} }} }} [KegPermission] public partial class P {{ {Id} }}");
        yield return C("internal_user_public_permission", $"[KegUser] internal partial class User {{ {Id} }} [KegPermission] public partial class P {{ {Id} }}");
        yield return C("class_named_Email", $"[KegUser, KegUserEmail] public partial class Email {{ {Id} }}");
        yield return C("class_named_Token", $"[KegUser, KegUserToken] public partial class Token {{ {Id} }}");
        yield return C("permission_named_Token", $"[KegPermission] public partial class Token {{ {Id} }}");
        yield return C("bundle_named_Name", $"[KegPermission] public partial class P {{ {Id} }} [KegBundle] public partial class Name {{ {Id} }}");
        yield return C("attempt_named_Success", $"[KegAttempt] public partial class Success {{ {Id} }}");
        yield return C("user_named_Permissions", $"[KegUser] public partial class Permissions {{ {Id} }} [KegPermission] public partial class P {{ {Id} }}");
        yield return C("bundle_named_Users", $"[KegUser] public partial class User {{ {Id} }} [KegPermission] public partial class P {{ {Id} }} [KegBundle] public partial class Users {{ {Id} }}");
        yield return C("user_named_IsActive", $"[KegUser] public partial class IsActive {{ {Id} }}");
        yield return C("user_token_permission_on_one_class", $"[KegUser, KegUserToken, KegPermission] public partial class User {{ {Id} }}");
        yield return C("bundle_and_group_on_one_class", $"[KegPermission] public partial class P {{ {Id} }} [KegBundle, KegGroup] public partial class BG {{ {Id} }}");
        yield return C("user_and_attempt_on_one_class", $"[KegUser, KegAttempt] public partial class User {{ {Id} }}");
        yield return C("permission_and_group_on_parts", $"[KegPermission] public partial class X {{ {Id} }} [KegGroup] public partial class X {{ }}");
        yield return C("key_private_in_base", "public class Base { private int Id { get; set; } } [KegUser] public partial class User : Base { }");
        yield return C("key_attribute_private_in_base", "public class Base { [Key] private int Code { get; set; } } [KegUser] public partial class User : Base { public int Id { get; set; } }");
        yield return C("key_write_only", "[KegUser] public partial class User { private int _id; public int Id { set => _id = value; } }");
        yield return C("key_hidden_by_new", "public class Base { [Key] public int Id { get; set; } } [KegUser] public partial class User : Base { public new string Id { get; set; } = \"\"; }");
        yield return C("key_hidden_by_new_other_type", "public class Base { public long Id { get; set; } } [KegPermission] public partial class P : Base { public new System.Guid Id { get; set; } }");

        // Compiles, but wrong, in issue 21 (checked further in RobustnessTests).
        yield return C("group_key_db_and_user_key_cancellationToken", "[KegUser] public partial class User { [Key] public int cancellationToken { get; set; } } [KegPermission] public partial class P { public int Id { get; set; } } [KegGroup] public partial class G { [Key] public int db { get; set; } }");

        // Missing diagnostics in issue 21.
        yield return C("user_derives_from_user", $"[KegUser(Registered = true)] public partial class User {{ {Id} }} [KegUser] public partial class Admin : User {{ }}");
        yield return C("permission_derives_from_user", $"[KegUser] public partial class User {{ {Id} }} [KegPermission] public partial class P : User {{ }}");
        yield return C("group_derives_from_bundle", $"[KegPermission] public partial class P {{ {Id} }} [KegBundle] public partial class B {{ {Id} }} [KegGroup] public partial class G : B {{ }}");
        yield return C("attempt_derives_from_attempt_via_plain", $"[KegAttempt] public partial class A {{ {Id} }} public class Mid : A {{ }} [KegAttempt] public partial class B : Mid {{ }}");
        yield return C("explicit_interface_expression", $"[KegUser] public partial class User {{ {Id} static System.Linq.Expressions.Expression<System.Func<User, System.DateTime, bool>> IKegUser<User>.IsActiveExpression => (u, t) => true; }}");
        yield return C("explicit_interface_member_legal", $"[KegUser] public partial class User {{ {Id} bool IKegUser.IsActive => true; }}");
        yield return C("explicit_interface_static_login_id", $"[KegUser] public partial class User {{ {Id} static string IKegUser<User>.LoginIdPropertyName => \"x\"; }}");

        // Noise in issue 21.
        yield return C("nullable_string_key", "[KegUser, KegUserToken] public partial class User { [Key] public string? Code { get; set; } } [KegPermission] public partial class P { public string? Id { get; set; } } [KegGroup] public partial class G { public string? Id { get; set; } }");
        yield return C("set_password_ref_overload", $"[KegUser] public partial class User {{ {Id} public void SetPassword(ref string plain, KegAuthOptions options) {{ }} }}");
        yield return C("get_id_generic_overload", $"[KegUser] public partial class User {{ {Id} public T GetId<T>() => default!; }}");
        yield return C("token_verify_out_overload", $"[KegUser] public partial class User {{ {Id} public bool TokenVerify(out string token) {{ token = \"\"; return false; }} }}");
        yield return C("clear_cache_overload", $"[KegUser] public partial class User {{ {Id} public void ClearPermissionCache(bool all) {{ }} }} [KegPermission] public partial class P {{ {Id} }}");
        yield return C("collision_property", $"[KegUser] public partial class User {{ {Id} public bool IsActive {{ get; set; }} }}");
        yield return C("collision_method", $"[KegUser] public partial class User {{ {Id} public int GetId() => Id; }}");
        yield return C("collision_nested_type", $"[KegUser] public partial class User {{ {Id} public class Password {{ }} }}");
        yield return C("collision_relationship", $"[KegUser] public partial class User {{ {Id} public int Permissions {{ get; set; }} }} [KegPermission] public partial class P {{ {Id} }}");
        yield return C("collision_relationship_on_group", $"[KegPermission] public partial class P {{ {Id} }} [KegGroup] public partial class G {{ {Id} public string Users {{ get; set; }} = \"\"; }} [KegUser] public partial class User {{ {Id} }}");
        yield return C("collision_inherited_from_source", "public class Person { public string Username { get; set; } = \"\"; } [KegUser] public partial class User : Person { public int Id { get; set; } }");
        yield return C("collision_inherited_from_framework", $"[KegPermission] public partial class P {{ {Id} }} [KegBundle] public partial class B : System.Diagnostics.Tracing.EventSource {{ {Id} }}");
        yield return C("ef_key_convention_type_name_id", "[KegUser] public partial class User { public int UserId { get; set; } } [KegPermission] public partial class Permission { public long PermissionId { get; set; } }");
        yield return C("ef_key_convention_upper_ID", "[KegUser] public partial class User { public int ID { get; set; } } [KegAttempt] public partial class Attempt { public int id { get; set; } }");
        yield return C("unresolved_key_type", "[KegUser] public partial class User { public Missing Id { get; set; } }");
        yield return C("unresolved_key_type_with_key_attribute", "[KegPermission] public partial class P { [Key] public Missing Code { get; set; } }");
        yield return C("same_short_names_in_two_namespaces", $"namespace A {{ [KegPermission] public partial class P {{ {Id} }} }} namespace B {{ [KegPermission] public partial class P {{ {Id} }} }}");

        // Class shapes.
        yield return C("record_class", $"[KegUser] public partial record User {{ {Id} }}");
        yield return C("record_struct", $"[KegUser] public partial record struct User {{ {Id} }}");
        yield return C("struct", $"[KegUser] public partial struct User {{ {Id} }}");
        yield return C("static_class", "[KegUser] public static partial class User { }");
        yield return C("generic_class", $"[KegUser] public partial class User<T> {{ {Id} }}");
        yield return C("nested_in_generic", $"public partial class Outer<T> {{ [KegUser] public partial class User {{ {Id} }} }}");
        yield return C("nested_in_non_partial", $"public class Outer {{ [KegUser] public partial class User {{ {Id} }} }}");
        yield return C("not_partial", $"[KegUser] public class User {{ {Id} }}");
        yield return C("partial_missing_on_one_part", $"[KegUser] public partial class User {{ {Id} }} public class User {{ }}");
        yield return C("nested_chain", $"public partial struct S {{ public partial record R {{ public partial interface I {{ [KegUser] public partial class User {{ {Id} }} }} }} }}");
        yield return C("nested_in_record_struct", $"public partial record struct S {{ [KegAttempt] public partial class A {{ {Id} }} }}");
        yield return C("nested_in_static_class", $"public static partial class Entities {{ [KegUser] public partial class User {{ {Id} }} [KegPermission] public partial class P {{ {Id} }} }}");
        yield return C("nested_same_name_as_outer_namespace", $"namespace Sample.User {{ public partial class User {{ [KegUser] public partial class Inner {{ {Id} }} }} }}");
        yield return C("abstract_user", $"[KegUser, KegUserToken] public abstract partial class User {{ {Id} }} public sealed class Customer : User {{ }}");
        yield return C("sealed_user", $"[KegUser] public sealed partial class User {{ {Id} }}");
        yield return C("internal_everything", $"[KegUser, KegUserEmail, KegUserToken] internal partial class U {{ {Id} }} [KegPermission] internal partial class P {{ {Id} }} [KegBundle] internal partial class B {{ {Id} }} [KegGroup] internal partial class G {{ {Id} }} [KegAttempt] internal partial class A {{ {Id} }}");
        yield return C("no_accessibility_modifier", $"[KegUser] partial class U {{ {Id} }} [KegPermission] partial class P {{ {Id} }}");
        yield return C("global_namespace", $"[KegUser] public partial class User {{ {Id} }}");
        yield return C("nested_namespaces", $"namespace A {{ namespace B.C {{ [KegUser] public partial class User {{ {Id} }} }} }}");
        yield return C("primary_constructor", "[KegUser] public partial class User(int id) { public int Id { get; set; } = id; }");
        yield return C("unsafe_class", $"[KegUser] public unsafe partial class User {{ {Id} }}");
        yield return C("required_key", "[KegUser] public partial class User { public required int Id { get; set; } }");
        yield return C("init_only_key", "[KegUser] public partial class User { public int Id { get; init; } }");
        yield return C("get_only_key", "[KegUser] public partial class User { public int Id { get; } }");
        yield return C("private_key_same_class", "[KegUser] public partial class User { private int Id { get; set; } }");
        yield return C("protected_key_in_base", "public abstract class Base { protected int Id { get; set; } } [KegUser] public partial class User : Base { }");
        yield return C("abstract_key_in_base", "public abstract class Base { public abstract System.Guid Id { get; set; } } [KegUser] public abstract partial class User : Base { }");
        yield return C("expression_bodied_key", "[KegUser] public partial class User { public int Id => 1; }");
        yield return C("static_key", "[KegUser] public partial class User { public static int Id { get; set; } }");
        yield return C("field_key", "[KegUser] public partial class User { public int Id; }");
        yield return C("composite_key_attributes", "[KegUser] public partial class User { [Key] public int A { get; set; } [Key] public int B { get; set; } }");
        yield return C("key_long", "[KegUser] public partial class User { public long Id { get; set; } }");
        yield return C("key_guid", "[KegUser] public partial class User { public System.Guid Id { get; set; } }");
        yield return C("key_string", "[KegUser] public partial class User { public string Id { get; set; } = \"\"; }");
        yield return C("key_short", "[KegUser] public partial class User { public short Id { get; set; } }");
        yield return C("key_nullable_int", "[KegUser] public partial class User { public int? Id { get; set; } }");
        yield return C("key_decimal_on_permission", "[KegPermission] public partial class P { [Key] public decimal Code { get; set; } }");
        yield return C("missing_key_permission", "[KegPermission] public partial class P { }");
        yield return C("obsolete_user", $"[System.Obsolete] [KegUser] public partial class User {{ {Id} }} [KegPermission] public partial class P {{ {Id} }}");
        yield return C("obsolete_key", "[KegUser] public partial class User { [System.Obsolete] public int Id { get; set; } }");
        yield return C("full_model", $"namespace Sample; [KegUser(Registered = true), KegUserEmail, KegUserToken] public partial class User {{ {Id} }} [KegUser] public partial class Operator {{ public System.Guid Id {{ get; set; }} }} [KegPermission] public partial class Permission {{ {Id} }} [KegBundle] public partial class Bundle {{ public long Id {{ get; set; }} }} [KegGroup] public partial class Group {{ {Id} }} [KegAttempt] public partial class Attempt {{ {Id} }}");
        yield return C("several_users_none_registered", $"[KegUser] public partial class A {{ {Id} }} [KegUser] public partial class B {{ {Id} }} [KegPermission] public partial class P {{ {Id} }}");
        yield return C("several_registered_users", $"[KegUser(Registered = true)] public partial class A {{ {Id} }} [KegUser(Registered = true)] public partial class B {{ {Id} }} [KegPermission] public partial class P {{ {Id} }}");
        yield return C("bundle_without_permission", $"[KegBundle] public partial class B {{ {Id} }} [KegUser] public partial class User {{ {Id} }}");
        yield return C("names_differing_in_case", $"[KegUser(Registered = true)] public partial class User {{ {Id} }} [KegUser] public partial class USER {{ {Id} }} [KegUser] public partial class user {{ {Id} }}");
        yield return C("unicode_names", $"namespace Données; [KegUser] public partial class Usér {{ {Id} }} [KegPermission] public partial class Право {{ {Id} }}");
        yield return C("unicode_escape_name", $"[KegUser] public partial class \\u0055ser {{ {Id} }}");
        yield return Files("parts_in_three_files", "[KegUser] public partial class User { }", "public partial class User { public int Id { get; set; } }", "[KegUserEmail] public partial class User { }");

        // Names the output must qualify or escape.
        yield return C("contextual_keyword_class_names", $"[KegUser(Registered = true)] public partial class @var {{ {Id} }} [KegPermission] public partial class @async {{ {Id} }} [KegBundle] public partial class @await {{ {Id} }} [KegGroup] public partial class @dynamic {{ {Id} }} [KegAttempt] public partial class @nameof {{ {Id} }}");
        yield return C("contextual_keyword_class_value", $"[KegUser] public partial class @value {{ {Id} }}");
        yield return C("class_named_this_key_named_this", "[KegUser] public partial class @this { [Key] public int @this2 { get; set; } }");
        yield return C("namespace_named_System", $"namespace Sample.System {{ [KegUser, KegUserToken] public partial class User {{ {Id} }} [KegPermission] public partial class P {{ {Id} }} [KegAttempt] public partial class A {{ {Id} }} }}");
        yield return C("namespace_named_Microsoft_and_KegAuth", $"namespace Sample.Microsoft.KegAuth {{ [KegAuth.KegUser] public partial class User {{ {Id} }} [global::KegAuth.KegAttempt] public partial class A {{ {Id} }} }}");
        yield return C("global_type_named_System", $"public abstract class System {{ }} [KegUser] public partial class User {{ {Id} }}");
        yield return C("global_type_named_KegAuth_in_other_file_scope", $"namespace N {{ [global::KegAuth.KegUser] public partial class User {{ {Id} }} }} public class Microsoft {{ }}");
        yield return C("type_named_var_in_scope", $"public class @var {{ }} [KegUser, KegUserToken] public partial class User {{ {Id} }}");
        yield return C("half_namespace_with_skipped_tokens", $"namespace Shop. [Key] Data {{ [KegPermission] public partial class P {{ {Id} }} }}");
        yield return C("class_named_KegAuth", $"namespace Sample {{ [global::KegAuth.KegUser] public partial class KegAuth {{ {Id} }} }}");
        yield return C("types_shadowing_framework_names", $"namespace Sample {{ public class DateTime {{ }} public class Task {{ }} public class Expression {{ }} public class DbContext {{ }} public class CancellationToken {{ }} [KegUser, KegUserToken] public partial class User {{ {Id} }} [KegPermission] public partial class P {{ {Id} }} [KegGroup] public partial class G {{ {Id} }} [KegAttempt] public partial class A {{ {Id} }} }}");
        yield return C("member_named_System", $"[KegUser] public partial class User {{ {Id} public int System {{ get; set; }} public int global {{ get; set; }} public int KegAuth {{ get; set; }} }}");
        yield return C("nested_type_named_System", $"[KegUser, KegUserToken] public partial class User {{ {Id} public class System {{ }} public class Microsoft {{ }} }} [KegPermission] public partial class P {{ {Id} public class System {{ }} }}");
        yield return C("nested_in_class_named_KegAuth", $"public partial class KegAuth {{ [global::KegAuth.KegUser] public partial class User {{ {Id} }} }}");
        yield return C("alias_attribute", $"using U = KegAuth.KegUserAttribute; [U] public partial class User {{ {Id} }}");
        yield return C("attribute_with_suffix", $"[KegUserAttribute, KegUserEmailAttribute] public partial class User {{ {Id} }}");
        yield return C("member_named_like_lambda_parameters", $"[KegUser] public partial class User {{ {Id} public int user {{ get; set; }} public int utcNow {{ get; set; }} public int raw {{ get; set; }} }} [KegPermission] public partial class P {{ {Id} public int permission {{ get; set; }} public int token {{ get; set; }} }}");

        // Half-typed code.
        yield return C("half_missing_close_brace", $"[KegUser] public partial class User {{ {Id}");
        yield return C("half_empty_base_list", $"[KegUser] public partial class User : {{ {Id} }}");
        yield return C("half_attribute_paren", $"[KegUser(] public partial class User {{ {Id} }}");
        yield return C("half_registered_value", $"[KegUser(Registered = )] public partial class User {{ {Id} }}");
        yield return C("half_registered_wrong_type", $"[KegUser(Registered = 1)] public partial class User {{ {Id} }}");
        // The key and collision searches read member names from the declarations first (issue 21's rerun cost).
        yield return Files("key_attribute_on_part_in_other_file", "[KegUser] public partial class User { public int Other { get; set; } }", "public partial class User { [Key] public long Code { get; set; } }");
        yield return Files("key_convention_upper_case_on_part_in_other_file", "[KegUser, KegUserEmail] public partial class User { }", "public partial class User { public System.Guid ID { get; set; } }");
        yield return C("key_named_id_is_a_field", "[KegUser] public partial class User { public int Id; }");
        yield return C("key_named_id_is_a_method_next_to_class_name_id", "[KegUser] public partial class User { public int Id() => 1; public int UserId { get; set; } }");
        yield return Files("collision_explicit_implementation_on_other_part", $"[KegUser] public partial class User {{ {Id} }}", "public partial class User { bool IKegUser.IsActive => true; }");
        yield return C("collision_event_named_like_member", $"[KegUser, KegUserEmail] public partial class User {{ {Id} public event System.Action? Email; }}");
        yield return C("collision_nested_type_in_base", $"public class Base {{ public class Password {{ }} }} [KegUser] public partial class User : Base {{ {Id} }}");
        yield return C("key_hidden_by_nested_type", "public class Base { public int Id { get; set; } } [KegUser] public partial class User : Base { public class Id { } public int UserId { get; set; } }");

        yield return C("half_missing_semicolon", "[KegUser] public partial class User { public int Id { get; set } }");
        yield return C("half_partial_only", "[KegUser] public partial");
        yield return C("half_empty_type_parameters", $"[KegUser] public partial class User<> {{ {Id} }}");
        yield return C("half_numeric_name", $"[KegUser] public partial class 123 {{ {Id} }}");
        yield return C("half_unresolved_base", $"[KegUser] public partial class User : Missing {{ {Id} }}");
        yield return C("half_unresolved_attribute", $"[KegUser, Missing] public partial class User {{ {Id} }}");
        yield return C("half_attribute_on_interface", $"[KegUser] public partial interface IUser {{ }}");
        yield return C("half_attribute_on_enum", "[KegPermission] public enum E { A }");
        yield return C("half_key_without_type", "[KegUser] public partial class User { public Id { get; set; } }");
        yield return C("half_key_without_name", "[KegUser] public partial class User { public int { get; set; } }");
        yield return C("half_class_keyword_only", "[KegUser] class");
        yield return C("half_two_attributes_one_unclosed", $"[KegUser [KegUserEmail] public partial class User {{ {Id} }}");
        yield return C("half_duplicate_member", $"[KegUser] public partial class User {{ {Id} {Id} }}");
        yield return C("half_cyclic_base", $"[KegUser] public partial class User : User {{ {Id} }}");
        yield return C("half_cyclic_bases_two", "[KegUser] public partial class A : B { public int Id { get; set; } } [KegPermission] public partial class B : A { }");
        yield return C("half_nameless_namespace_part", $"namespace .Data {{ [KegUser] public partial class User {{ {Id} }} }}");
        yield return C("half_nameless_outer_class", $"public partial class {{ [KegUser] public partial class User {{ {Id} }} }}");
        yield return C("half_nested_partial_typing", $"public partial class Outer {{ [KegUser] public partial class User {{ {Id} }} public void M( }}");
    }
}
