package org.negotiatetcp.boot.context;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Value;

/**
 * Injects the port the Negotiate TCP server listens on, like Boot's {@code @LocalServerPort}: a shortcut for
 * {@code @Value("${local.negotiate.tcp.server.port}")}, set by
 * {@link NegotiateServerPortInfoApplicationContextInitializer} once the server listens (useful with
 * {@code negotiate.tcp.server.port=0}). Inject it where the server has started: in a test class, or lazily.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Value("${" + NegotiateServerPortInfoApplicationContextInitializer.PROPERTY + "}")
public @interface LocalNegotiateServerPort {

}
