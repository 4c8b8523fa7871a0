package org.negotiatetcp.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Conditional;

import org.negotiatetcp.boot.server.NegotiateRoutes;
import org.negotiatetcp.channel.NegotiateChannelHandler;

/**
 * Matches when the application runs a Negotiate TCP server: {@code negotiate.tcp.server.enabled} is not
 * {@code false} and the application defines at least one {@link NegotiateChannelHandler} or {@link NegotiateRoutes}
 * bean. Several handlers do not switch the server off: they must be mapped to vias, or startup fails.
 *
 * @author Negotiate TCP
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnBooleanProperty(name = "negotiate.tcp.server.enabled", matchIfMissing = true)
@Conditional(ConditionalOnNegotiateServer.OnHandlerCondition.class)
@interface ConditionalOnNegotiateServer {

	/**
	 * A handler or a routes bean exists.
	 */
	final class OnHandlerCondition extends AnyNestedCondition {

		OnHandlerCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(NegotiateChannelHandler.class)
		static class HasHandler {

		}

		@ConditionalOnBean(NegotiateRoutes.class)
		static class HasRoutes {

		}

	}

}
