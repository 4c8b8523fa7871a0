package org.negotiatetcp.boot.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a {@link org.negotiatetcp.channel.NegotiateChannelHandler} bean to the vias it serves, in the manner of
 * {@code @MessageMapping}: put it on the handler's class or on its {@code @Bean} method.
 * <pre class="code">
 * &#064;Bean
 * &#064;NegotiateVia("/orders/**")
 * NegotiateChannelHandler orders(OrderService service) { ... }
 * </pre>
 * <p>
 * A via ({@link org.negotiatetcp.channel.NegotiateChannel#via()}) is the full endpoint URI the client connected to,
 * for example {@code net.tcp://srv.example.com:8808/orders/eu}. A pattern matches its <em>path</em> only, as WCF's
 * strong wildcard host name comparison does: the scheme, host and port are ignored, case is ignored, and a trailing
 * slash is ignored. A pattern is either an exact path ({@code /orders}) or a path followed by {@code /**}, which
 * matches that path and every path below it ({@code /orders/**} matches {@code /orders} and {@code /orders/eu}, not
 * {@code /ordersx}); {@code /**} alone matches every via. When several patterns match, the most specific one wins: an
 * exact path before any {@code /**} pattern, a longer {@code /**} prefix before a shorter one. A via no pattern matches
 * is refused during the [MC-NMF] preamble with the {@code EndpointNotFound} fault, before authentication.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 * @see NegotiateRoutes
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NegotiateVia {

	/**
	 * The via patterns the handler serves, for example {@code "/orders"} or {@code "/orders/**"}.
	 * @return the patterns
	 */
	String[] value();

}
