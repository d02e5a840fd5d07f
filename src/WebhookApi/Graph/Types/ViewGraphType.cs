using System.Linq.Expressions;
using System.Reflection;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace GitOps.WebhookApi.Graph.Types;

/// <summary>The GraphQL type of a REST view record: its name and the properties it shows as they are, declared in SDL
/// order. A plain field is GraphQL.NET's own <c>Field(x =&gt; x.Property)</c>, nullable exactly when the property is
/// (<c>string?</c>, <c>int?</c>), so the schema reads the same as one written field by field.</summary>
/// <param name="name">The GraphQL type name.</param>
/// <param name="fields">The leading plain fields; the constructor body adds the rest in order.</param>
internal abstract class ViewGraphType<T> : ObjectGraphType<T>
{
    private static readonly MethodInfo TypedField = typeof(ViewGraphType<T>).GetMethod(nameof(AddTyped), BindingFlags.NonPublic | BindingFlags.Instance)!;

    protected ViewGraphType(string name, params Expression<Func<T, object?>>[] fields)
    {
        Name = name;
        PlainFields(fields);
    }

    /// <summary>Adds plain fields, in order.</summary>
    protected void PlainFields(params Expression<Func<T, object?>>[] fields)
    {
        var nullability = new NullabilityInfoContext();
        foreach (var field in fields)
        {
            var member = (MemberExpression)(field.Body is UnaryExpression { NodeType: ExpressionType.Convert } boxed ? boxed.Operand : field.Body);
            var property = (PropertyInfo)member.Member;
            var nullable = nullability.Create(property).ReadState == NullabilityState.Nullable;
            TypedField.MakeGenericMethod(property.PropertyType).Invoke(this, [Expression.Lambda(member, field.Parameters), nullable]);
        }
    }

    /// <summary>A non-null list of non-null <typeparamref name="TItem"/> (the view's arrays are never null, nor their items).</summary>
    protected FieldBuilder<T, object> ListField<TItem>(string name, Func<IResolveFieldContext<T>, object?> resolve) where TItem : IGraphType =>
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TItem>>>>(name).Resolve(resolve);

    private void AddTyped<TProperty>(LambdaExpression field, bool nullable) => Field((Expression<Func<T, TProperty>>)field, nullable);
}
