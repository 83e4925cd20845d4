package dev.fnkit.compat.aws;

import dev.fnkit.api.HttpDeclaration;

/** The HTTP declaration of a wrapped API Gateway handler: routes are declared and remembered for the event. */
final class CompatHttpDeclaration extends CompatDeclaration<HttpDeclaration> implements HttpDeclaration {
    CompatHttpDeclaration(HttpDeclaration delegate, Declared declared) {
        super(delegate, declared);
    }

    @Override
    HttpDeclaration self() {
        return this;
    }

    @Override
    public HttpDeclaration route(String method, String template) {
        delegate.route(method, template);
        declared.route(method, template);
        return this;
    }
}
