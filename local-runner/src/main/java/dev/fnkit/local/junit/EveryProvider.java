package dev.fnkit.local.junit;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test once locally and once through each provider adapter on the test class path (fnkit-aws, fnkit-gcp,
 * ...): its {@link FnkitClient} parameter sends every request and event in that provider's native shapes, through
 * the adapter's real entry point.
 *
 * <pre>{@code
 * @FnkitTest
 * class HelloTest {
 *     @EveryProvider
 *     void greets(FnkitClient fnkit) {
 *         fnkit.get("/hello/Ada").assertJson("message", "Hello, Ada!");
 *     }
 * }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(ProviderInvocations.class)
public @interface EveryProvider {
}
