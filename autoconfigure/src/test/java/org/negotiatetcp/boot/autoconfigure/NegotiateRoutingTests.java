package org.negotiatetcp.boot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.boot.server.NegotiateRoutes;
import org.negotiatetcp.boot.server.NegotiateRoutingException;
import org.negotiatetcp.boot.server.NegotiateVia;
import org.negotiatetcp.boot.test.FailureAnalyses;
import org.negotiatetcp.boot.test.TestRealm;
import org.negotiatetcp.boot.test.TestRunners;
import org.negotiatetcp.channel.ClientSettings;
import org.negotiatetcp.channel.NegotiateChannel;
import org.negotiatetcp.channel.NegotiateChannelFactory;
import org.negotiatetcp.channel.NegotiateChannelHandler;
import org.negotiatetcp.channel.ServerSettings;
import org.negotiatetcp.framing.FramingFault;
import org.negotiatetcp.framing.FramingFaultException;
import org.negotiatetcp.mechanism.ClientCredential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Several handlers, each bound to its vias ({@link NegotiateVia}, {@link NegotiateRoutes}), on a real server with real
 * clients; ambiguous mappings fail startup naming the beans.
 */
class NegotiateRoutingTests {

	private final ApplicationContextRunner runner = TestRunners.server(NegotiateCredentialsAutoConfiguration.class,
			NegotiateSecurityAutoConfiguration.class, NegotiateServerAutoConfiguration.class);

	private final NegotiateChannelFactory client = new NegotiateChannelFactory(
			ClientSettings.of(new ClientCredential.Keytab("alice", TestRealm.get().file("alice.keytab"))));

	@Test
	void eachViaReachesItsHandlerAndAnUnmappedViaGetsEndpointNotFound() {
		this.runner.withUserConfiguration(TwoMappedHandlers.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ServerSettings.class).viaPaths()).containsExactlyInAnyOrder("/orders",
					"/reports/**");
			assertThat(call(context, "/orders", "one")).isEqualTo("orders:one");
			assertThat(call(context, "/Reports/EU/", "two")).isEqualTo("reports:two");
			assertThat(call(context, "/reports", "three")).isEqualTo("reports:three");
			FramingFaultException refused = catchThrowableOfType(FramingFaultException.class,
					() -> call(context, "/ordersx", "four"));
			assertThat(refused).as("a via no handler is mapped to").isNotNull();
			assertThat(refused.fault()).isEqualTo(FramingFault.ENDPOINT_NOT_FOUND);
			assertThat(refused.reason()).isEqualTo(FailureReason.FAULT);
			assertThat(refused.via()).endsWith("/ordersx");
			FramingFaultException outsideTheSubtree = catchThrowableOfType(FramingFaultException.class,
					() -> call(context, "/reportsx/eu", "five"));
			assertThat(outsideTheSubtree).as("/reports/** does not match /reportsx").isNotNull();
			assertThat(outsideTheSubtree.fault()).isEqualTo(FramingFault.ENDPOINT_NOT_FOUND);
		});
	}

	@Test
	void routesBeanAndAnnotatedHandlersAreMergedAndTheMostSpecificPatternWins() {
		this.runner.withUserConfiguration(RoutesAndAnnotatedHandler.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(call(context, "/orders/special", "a")).isEqualTo("special:a");
			assertThat(call(context, "/orders/other", "b")).isEqualTo("orders:b");
			assertThat(call(context, "/anything/else", "c")).isEqualTo("fallback:c");
		});
	}

	@Test
	void twoUnmappedHandlersFailStartupNamingBothBeansAndTheFix() {
		this.runner.withBean("orders", NegotiateChannelHandler.class, () -> reply("orders"))
			.withBean("reports", NegotiateChannelHandler.class, () -> reply("reports"))
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("'orders'", "'reports'", "no via mapping");
				assertThat(analysis.getAction()).contains("@NegotiateVia", "@Primary");
			});
	}

	@Test
	void aPrimaryHandlerServesEveryViaWithoutMapping() {
		this.runner.withUserConfiguration(PrimaryHandler.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(call(context, "/any", "x")).isEqualTo("primary:x");
		});
	}

	@Test
	void twoHandlersForTheSameViaFailStartupNamingBothBeans() {
		this.runner.withUserConfiguration(SameVia.class).run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("'/orders'", "bean 'first'", "bean 'second'");
			assertThat(analysis.getAction()).contains("Map each via pattern to one handler");
		});
	}

	@Test
	void anUnmappedHandlerBesideMappedOnesFailsStartup() {
		this.runner.withUserConfiguration(TwoMappedHandlers.class)
			.withBean("stray", NegotiateChannelHandler.class, () -> reply("stray"))
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("'stray'", "has no @NegotiateVia", "orders",
						"reports");
				assertThat(analysis.getAction()).contains("@NegotiateVia(\"/**\")");
			});
	}

	@Test
	void viasPropertyWithMappedHandlersFailsStartup() {
		this.runner.withUserConfiguration(TwoMappedHandlers.class)
			.withPropertyValues("negotiate.tcp.server.vias=/orders")
			.run((context) -> assertThat(analysis(context).getAction()).contains("Remove negotiate.tcp.server.vias"));
	}

	@Test
	void unsupportedPatternFailsStartupNamingTheBean() {
		this.runner.withUserConfiguration(BadPattern.class)
			.run((context) -> assertThat(analysis(context).getDescription()).contains("bean 'bad'", "/orders/*/x"));
	}

	private static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).as("no server starts").hasFailed();
		Throwable failure = context.getStartupFailure();
		assertThat(failure).hasRootCauseInstanceOf(NegotiateRoutingException.class);
		return FailureAnalyses.analyze(failure);
	}

	private String call(ApplicationContext context, String path, String message) {
		int port = context.getEnvironment().getRequiredProperty("local.negotiate.tcp.server.port", Integer.class);
		NegotiateChannel channel = this.client.open("net.tcp://localhost:" + port + path)
			.block(Duration.ofSeconds(30));
		try {
			channel.sendBytes(message.getBytes(StandardCharsets.UTF_8)).block(Duration.ofSeconds(10));
			return channel.receive()
				.next()
				.map((buf) -> buf.toString(StandardCharsets.UTF_8))
				.block(Duration.ofSeconds(10));
		}
		finally {
			channel.close().block(Duration.ofSeconds(10));
		}
	}

	static NegotiateChannelHandler reply(String prefix) {
		return (channel) -> channel.send(channel.receive()
			.map((buf) -> Unpooled.copiedBuffer(prefix + ":" + buf.toString(StandardCharsets.UTF_8),
					StandardCharsets.UTF_8)));
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoMappedHandlers {

		@Bean
		@NegotiateVia("/orders")
		NegotiateChannelHandler orders() {
			return reply("orders");
		}

		@Bean
		@NegotiateVia("/reports/**")
		NegotiateChannelHandler reports() {
			return reply("reports");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RoutesAndAnnotatedHandler {

		@Bean
		NegotiateChannelHandler special() {
			return reply("special");
		}

		@Bean
		NegotiateRoutes routes(NegotiateChannelHandler special) {
			return NegotiateRoutes.builder()
				.route("/orders/special", special)
				.route("/orders/**", reply("orders"))
				.build();
		}

		@Bean
		@NegotiateVia("/**")
		NegotiateChannelHandler fallback() {
			return reply("fallback");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PrimaryHandler {

		@Bean
		@Primary
		NegotiateChannelHandler primary() {
			return reply("primary");
		}

		@Bean
		NegotiateChannelHandler other() {
			return reply("other");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SameVia {

		@Bean
		@NegotiateVia("/orders")
		NegotiateChannelHandler first() {
			return reply("first");
		}

		@Bean
		@NegotiateVia({ "/reports", "/Orders/" })
		NegotiateChannelHandler second() {
			return reply("second");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadPattern {

		@Bean
		@NegotiateVia("/orders/*/x")
		NegotiateChannelHandler bad() {
			return reply("bad");
		}

	}

}
