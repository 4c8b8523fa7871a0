package org.negotiatetcp.framing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * What a server accepts in a preamble: used by {@link ServerPreambleStateMachine}. The {@link #DEFAULTS} match a
 * WCF {@code NetTcpBinding} with Windows transport security: duplex mode, any via, any known encoding, and a
 * mandatory {@code application/negotiate} upgrade. The constructor throws {@link IllegalArgumentException} if no mode
 * is supported, if an upgrade is required without a protocol, or if an upgrade is required together with a mode that
 * cannot carry one (simplex, singleton-sized; [MC-NMF] 3.3.4.2).
 *
 * @param supportedModes the accepted modes; others are refused with {@code UnsupportedMode}
 * @param viaAcceptor whether an endpoint listens at a via; {@code false} is refused with {@code EndpointNotFound}
 * @param contentTypeAcceptor whether an envelope content type is accepted; {@code false} is refused with
 * {@code ContentTypeInvalid}
 * @param upgradeProtocol the one accepted upgrade protocol, or {@code null} to accept no upgrade; others are refused
 * with {@code UpgradeInvalid}
 * @param upgradeRequired whether a client must upgrade before PreambleEnd ({@code UpgradeInvalid} otherwise)
 */
public record ServerFramingPolicy(Set<FramingMode> supportedModes, Predicate<String> viaAcceptor,
		Predicate<String> contentTypeAcceptor, @Nullable String upgradeProtocol, boolean upgradeRequired) {

	/** Accept every content type of {@link KnownEncoding}. */
	public static final Predicate<String> ANY_KNOWN_ENCODING = (contentType) -> KnownEncoding
		.fromContentType(contentType) != null;

	/** Accept every via. */
	public static final Predicate<String> ANY_VIA = (via) -> true;

	/** Duplex only, any via, any known encoding, {@code application/negotiate} upgrade required. */
	public static final ServerFramingPolicy DEFAULTS = new ServerFramingPolicy(EnumSet.of(FramingMode.DUPLEX), ANY_VIA,
			ANY_KNOWN_ENCODING, UpgradeRequestRecord.NEGOTIATE_PROTOCOL, true);

	/**
	 * Create the record, checking its components.
	 * @param supportedModes the accepted modes; others are refused with {@code UnsupportedMode}
	 * @param viaAcceptor whether an endpoint listens at a via; {@code false} is refused with
	 * {@code EndpointNotFound}
	 * @param contentTypeAcceptor whether an envelope content type is accepted; {@code false} is refused with
	 * {@code ContentTypeInvalid}
	 * @param upgradeProtocol the one accepted upgrade protocol, or {@code null} to accept no upgrade; others are
	 * refused with {@code UpgradeInvalid}
	 * @param upgradeRequired whether a client must upgrade before PreambleEnd ({@code UpgradeInvalid} otherwise)
	 */
	public ServerFramingPolicy {
		Objects.requireNonNull(viaAcceptor, "viaAcceptor");
		Objects.requireNonNull(contentTypeAcceptor, "contentTypeAcceptor");
		if (supportedModes.isEmpty()) {
			throw new IllegalArgumentException("ServerFramingPolicy needs at least one supported mode");
		}
		supportedModes = Set.copyOf(supportedModes);
		if (upgradeRequired && upgradeProtocol == null) {
			throw new IllegalArgumentException("ServerFramingPolicy requires an upgrade but names no upgrade protocol");
		}
		if (upgradeRequired) {
			for (FramingMode mode : supportedModes) {
				if (!mode.isUpgradable()) {
					throw new IllegalArgumentException("Mode " + mode + " cannot carry a stream upgrade ([MC-NMF]"
							+ " 3.3.4.2), so it cannot be supported while an upgrade is required; set upgradeRequired"
							+ " to false or drop the mode");
				}
			}
		}
	}

	/**
	 * Return a copy that supports other modes.
	 * @param modes the supported modes
	 * @return the new policy
	 */
	public ServerFramingPolicy withSupportedModes(FramingMode... modes) {
		return new ServerFramingPolicy(Set.of(modes), this.viaAcceptor, this.contentTypeAcceptor,
				this.upgradeProtocol, this.upgradeRequired);
	}

	/**
	 * Return a copy with another via acceptor.
	 * @param viaAcceptor whether an endpoint listens at a via
	 * @return the new policy
	 */
	public ServerFramingPolicy withViaAcceptor(Predicate<String> viaAcceptor) {
		return new ServerFramingPolicy(this.supportedModes, viaAcceptor, this.contentTypeAcceptor,
				this.upgradeProtocol, this.upgradeRequired);
	}

	/**
	 * Return a copy that accepts only vias whose path is one of {@code paths} (exact, case-sensitive match of the
	 * URI path, e.g. {@code /echo}); host and port are not checked.
	 * @param paths the endpoint paths
	 * @return the new policy
	 */
	public ServerFramingPolicy withEndpointPaths(String... paths) {
		Set<String> accepted = Set.of(paths);
		return withViaAcceptor((via) -> accepted.contains(pathOf(via)));
	}

	/**
	 * Return a copy with another content type acceptor.
	 * @param contentTypeAcceptor whether an envelope content type is accepted
	 * @return the new policy
	 */
	public ServerFramingPolicy withContentTypeAcceptor(Predicate<String> contentTypeAcceptor) {
		return new ServerFramingPolicy(this.supportedModes, this.viaAcceptor, contentTypeAcceptor,
				this.upgradeProtocol, this.upgradeRequired);
	}

	/**
	 * Return a copy with other upgrade rules.
	 * @param upgradeProtocol the accepted upgrade protocol, or {@code null} for none
	 * @param upgradeRequired whether a client must upgrade
	 * @return the new policy
	 */
	public ServerFramingPolicy withUpgrade(@Nullable String upgradeProtocol, boolean upgradeRequired) {
		return new ServerFramingPolicy(this.supportedModes, this.viaAcceptor, this.contentTypeAcceptor,
				upgradeProtocol, upgradeRequired);
	}

	private static @Nullable String pathOf(String via) {
		try {
			return new URI(via).getPath();
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
