package dev.fnkit.local.junit;

import dev.fnkit.api.FunctionApp;
import dev.fnkit.core.Application;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension that loads the application once per test class and injects a {@link FnkitClient} into test
 * methods and constructors. Use it with {@code @ExtendWith(FnkitExtension.class)} or {@link FnkitTest}; add
 * {@link EveryProvider} to a test to run it through every provider's shapes as well.
 */
public final class FnkitExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FnkitExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == FnkitClient.class
                && !parameter.getDeclaringExecutable().isAnnotationPresent(EveryProvider.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return client(extension);
    }

    /** The local client of the test class's application, loaded once per class. */
    static FnkitClient client(ExtensionContext extension) {
        Class<?> testClass = extension.getRequiredTestClass();
        ExtensionContext.Store store = extension.getRoot().getStore(NAMESPACE);
        return store.getOrComputeIfAbsent(testClass, FnkitExtension::load, FnkitClient.class);
    }

    private static FnkitClient load(Class<?> testClass) {
        var annotation = AnnotationSupport.findAnnotation(testClass, FnkitTest.class);
        Class<? extends FunctionApp>[] apps = annotation.map(FnkitTest::apps).orElse(null);
        Application application;
        try {
            if (apps == null || apps.length == 0) {
                application = Application.load(testClass.getClassLoader());
            } else {
                FunctionApp[] instances = new FunctionApp[apps.length];
                for (int i = 0; i < apps.length; i++) {
                    instances[i] = apps[i].getDeclaredConstructor().newInstance();
                }
                application = Application.of(instances);
            }
            application.initialize();
        } catch (ReflectiveOperationException e) {
            throw new ParameterResolutionException("Cannot create the FunctionApp for " + testClass.getName()
                    + ": it needs a public no-argument constructor", e);
        } catch (Exception e) {
            throw new ParameterResolutionException("Cannot load the application for " + testClass.getName() + ": "
                    + e.getMessage(), e);
        }
        return new FnkitClient(application);
    }
}
