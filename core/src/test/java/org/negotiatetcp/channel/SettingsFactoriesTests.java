package org.negotiatetcp.channel;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.mechanism.ClientCredential;
import org.negotiatetcp.mechanism.ntlm.InMemoryNtlmAccountStore;
import org.negotiatetcp.mechanism.spnego.AcceptorSettings;
import org.negotiatetcp.security.ProtectionLevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The factories and withers of the settings users build: strict defaults, one change per wither, validation kept.
 */
class SettingsFactoriesTests {

	static Stream<Arguments> limitWithers() {
		return Stream.of(
				arguments("initializationTimeout", wither((l) -> l.withInitializationTimeout(Duration.ofSeconds(5))),
						component(ChannelLimits::initializationTimeout), Duration.ofSeconds(5)),
				arguments("closeTimeout", wither((l) -> l.withCloseTimeout(Duration.ofSeconds(3))),
						component(ChannelLimits::closeTimeout), Duration.ofSeconds(3)),
				arguments("maxHandshakeTokenSize", wither((l) -> l.withMaxHandshakeTokenSize(4096)),
						component(ChannelLimits::maxHandshakeTokenSize), 4096),
				arguments("maxHandshakeLegs", wither((l) -> l.withMaxHandshakeLegs(4)),
						component(ChannelLimits::maxHandshakeLegs), 4),
				arguments("maxMessageSize", wither((l) -> l.withMaxMessageSize(1 << 20)),
						component(ChannelLimits::maxMessageSize), 1 << 20),
				arguments("maxPendingHandshakes", wither((l) -> l.withMaxPendingHandshakes(7)),
						component(ChannelLimits::maxPendingHandshakes), 7),
				arguments("maxViaLength", wither((l) -> l.withMaxViaLength(512)), component(ChannelLimits::maxViaLength),
						512),
				arguments("maxContentTypeLength", wither((l) -> l.withMaxContentTypeLength(64)),
						component(ChannelLimits::maxContentTypeLength), 64),
				arguments("inboundQueueSize", wither((l) -> l.withInboundQueueSize(2)),
						component(ChannelLimits::inboundQueueSize), 2),
				arguments("receiveTimeout", wither((l) -> l.withReceiveTimeout(Duration.ofMinutes(1))),
						component(ChannelLimits::receiveTimeout), Duration.ofMinutes(1)),
				arguments("maxPendingHandshakesPerAddress", wither((l) -> l.withMaxPendingHandshakesPerAddress(3)),
						component(ChannelLimits::maxPendingHandshakesPerAddress), 3));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("limitWithers")
	void eachLimitWitherChangesItsLimitOnly(String name, Function<ChannelLimits, ChannelLimits> wither,
			Function<ChannelLimits, Object> component, Object value) throws ReflectiveOperationException {
		ChannelLimits defaults = ChannelLimits.defaults();
		ChannelLimits changed = wither.apply(defaults);
		assertThat(component.apply(changed)).isEqualTo(value).isNotEqualTo(component.apply(defaults));
		for (RecordComponent other : ChannelLimits.class.getRecordComponents()) {
			if (!other.getName().equals(name)) {
				assertThat(other.getAccessor().invoke(changed)).as(other.getName())
					.isEqualTo(other.getAccessor().invoke(defaults));
			}
		}
		assertThat(ChannelLimits.defaults()).as("the defaults are unchanged").isEqualTo(ChannelLimits.DEFAULTS);
	}

	@Test
	void limitWithersKeepTheValidation() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChannelLimits.defaults().withMaxHandshakeTokenSize(70000))
			.withMessageContaining("maxHandshakeTokenSize");
		assertThatIllegalArgumentException().isThrownBy(() -> ChannelLimits.defaults().withInboundQueueSize(0))
			.withMessageContaining("inboundQueueSize");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChannelLimits.defaults().withCloseTimeout(Duration.ZERO))
			.withMessageContaining("closeTimeout");
	}

	@Test
	void acceptorFactoriesAreStrictUntilLoosenedExplicitly() {
		InMemoryNtlmAccountStore accounts = new InMemoryNtlmAccountStore();
		AcceptorSettings ntlm = AcceptorSettings.ntlm(accounts);
		assertThat(ntlm.kerberos()).isNull();
		assertThat(ntlm.ntlmAccounts()).isSameAs(accounts);
		assertThat(ntlm.requiredProtectionLevel()).isEqualTo(ProtectionLevel.ENCRYPT_AND_SIGN);
		assertThat(ntlm.allowAnonymousClients()).isFalse();
		AcceptorSettings loosened = ntlm.requiring(ProtectionLevel.SIGN).allowingAnonymousClients();
		assertThat(loosened.requiredProtectionLevel()).isEqualTo(ProtectionLevel.SIGN);
		assertThat(loosened.allowAnonymousClients()).isTrue();
		assertThat(loosened.ntlmAccounts()).isSameAs(accounts);
		assertThat(ntlm.requiredProtectionLevel()).as("the original is unchanged")
			.isEqualTo(ProtectionLevel.ENCRYPT_AND_SIGN);
	}

	@Test
	void clientCredentialFactoriesBuildTheRecordVariants() {
		assertThat(ClientCredential.ticketCache()).isEqualTo(new ClientCredential.TicketCache(null, null));
		assertThat(ClientCredential.ticketCache(Path.of("/tmp/cc")))
			.isEqualTo(new ClientCredential.TicketCache(null, Path.of("/tmp/cc")));
		assertThat(ClientCredential.keytab(Path.of("svc.keytab"), "svc@EXAMPLE.COM"))
			.isEqualTo(new ClientCredential.Keytab("svc@EXAMPLE.COM", Path.of("svc.keytab")));
		ClientCredential password = ClientCredential.password("EXAMPLE\\bob", "secret".toCharArray());
		assertThat(password.principal()).isEqualTo("EXAMPLE\\bob");
		assertThat(password.toString()).doesNotContain("secret");
		assertThat(ClientCredential.anonymous().principal()).isNull();
	}

	@Test
	void serverFactoriesServeTheirViasWithDefaultLimitsAndAcceptAll() {
		AcceptorSettings acceptor = AcceptorSettings.ntlm(new InMemoryNtlmAccountStore());
		ServerSettings netTcp = ServerSettings.netTcp(acceptor, "/orders", "/Orders/");
		assertThat(netTcp.mode()).isEqualTo(ChannelMode.NET_TCP);
		assertThat(netTcp.servesVia("net.tcp://srv.example.com:808/orders")).isTrue();
		assertThat(netTcp.servesVia("net.tcp://srv.example.com:808/other")).isFalse();
		assertThat(netTcp.limits()).isEqualTo(ChannelLimits.defaults());
		assertThat(netTcp.authorizer()).isSameAs(SessionAuthorizer.ACCEPT_ALL);
		assertThat(ServerSettings.netTcp(acceptor).servesVia("net.tcp://srv/anything")).isTrue();
		ServerSettings raw = ServerSettings.raw(acceptor).withLimits(ChannelLimits.defaults().withMaxMessageSize(1024));
		assertThat(raw.mode()).isEqualTo(ChannelMode.RAW);
		assertThat(raw.limits().maxMessageSize()).isEqualTo(1024);
		assertThat(raw.acceptor()).isSameAs(acceptor);
	}

	private static Function<ChannelLimits, ChannelLimits> wither(Function<ChannelLimits, ChannelLimits> wither) {
		return wither;
	}

	private static Function<ChannelLimits, Object> component(Function<ChannelLimits, Object> component) {
		return component;
	}

}
