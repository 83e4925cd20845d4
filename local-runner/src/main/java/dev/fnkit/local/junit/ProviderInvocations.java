package dev.fnkit.local.junit;

import dev.fnkit.core.ProviderEmulator;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/** Provides one invocation of an {@link EveryProvider} test locally and one per {@link ProviderEmulator}. */
final class ProviderInvocations implements TestTemplateInvocationContextProvider {
    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(EveryProvider.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        List<ProviderEmulator> emulators = new ArrayList<>();
        ServiceLoader.load(ProviderEmulator.class, context.getRequiredTestClass().getClassLoader())
                .forEach(emulators::add);
        emulators.sort(Comparator.comparing(e -> e.provider().name()));
        List<TestTemplateInvocationContext> invocations = new ArrayList<>();
        invocations.add(invocation(context, null));
        for (ProviderEmulator emulator : emulators) {
            invocations.add(invocation(context, emulator));
        }
        return invocations.stream();
    }

    private static TestTemplateInvocationContext invocation(ExtensionContext context, ProviderEmulator emulator) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int index) {
                return emulator == null ? "local" : emulator.provider().name();
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new ParameterResolver() {
                    @Override
                    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
                        return parameter.getParameter().getType() == FnkitClient.class;
                    }

                    @Override
                    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
                        FnkitClient local = FnkitExtension.client(extension);
                        return emulator == null ? local : local.through(emulator);
                    }
                });
            }
        };
    }
}
