using GraphQL.Builders;
using GraphQL.Types;

namespace GitOps.WebhookApi.Graph;

internal static class GraphArguments
{
    /// <summary>Declares required <c>String!</c> arguments, in order (e.g. <c>plugin</c> and the id of what is in it).</summary>
    public static FieldBuilder<TSource, TReturn> RequiredStrings<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, params string[] names)
    {
        foreach (var name in names) field.Argument<NonNullGraphType<StringGraphType>>(name);
        return field;
    }
}
