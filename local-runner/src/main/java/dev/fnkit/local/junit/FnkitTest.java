package dev.fnkit.local.junit;

import dev.fnkit.api.FunctionApp;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class with {@link FnkitExtension}: test methods may take a {@link FnkitClient} parameter that invokes
 * the application's functions in-process.
 *
 * <pre>{@code
 * @FnkitTest
 * class HelloTest {
 *     @Test
 *     void greets(FnkitClient fnkit) {
 *         fnkit.get("/hello/Ada").assertStatus(200).assertJson("message", "Hello, Ada!");
 *     }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FnkitExtension.class)
public @interface FnkitTest {
    /**
     * The applications to test; by default every {@link FunctionApp} listed in
     * {@code META-INF/services/dev.fnkit.api.FunctionApp} on the test class path.
     */
    Class<? extends FunctionApp>[] apps() default {};
}
