package dev.fnkit.compat.spring;

import dev.fnkit.api.Body;
import dev.fnkit.api.Context;
import dev.fnkit.api.TypedFunction;

/** A catalog function called as a fnkit typed function. */
final class TypedBean implements TypedFunction<Body, Object> {
    private final SpringBean bean;

    TypedBean(SpringBean bean) {
        this.bean = bean;
    }

    @Override
    public Object apply(Body input, Context context) {
        return Outputs.typed(bean.call(Inputs.typed(bean, input)));
    }
}
