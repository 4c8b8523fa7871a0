package org.negotiatetcp.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when the application is a Negotiate TCP client: any {@code negotiate.tcp.client.*} property is set.
 *
 * @author Negotiate TCP
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnNegotiateClientCondition.class)
@interface ConditionalOnNegotiateClient {

}
