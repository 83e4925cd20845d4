package dev.fnkit.compat.spring;

import dev.fnkit.api.Context;
import dev.fnkit.api.HttpFunction;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;

/** A catalog function called as a fnkit HTTP function. */
final class HttpBean implements HttpFunction {
    private final SpringBean bean;

    HttpBean(SpringBean bean) {
        this.bean = bean;
    }

    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
        return Outputs.http(bean, bean.call(Inputs.http(bean, request)));
    }
}
