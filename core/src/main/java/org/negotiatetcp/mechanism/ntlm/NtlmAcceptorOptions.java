package org.negotiatetcp.mechanism.ntlm;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * How strictly an {@link NtlmAcceptorContext} checks what the client's NTLMv2 response says about time and target.
 * @param maxClockSkew how far the NTLMv2 time stamp may lie from the server's clock, and how long a CHALLENGE stays
 * answerable (default 5 minutes, the Kerberos default clock skew of MIT krb5 and Windows)
 * @param targetNameCheck what to do with the client's MsvAvTargetName (default
 * {@link TargetNameCheck#IF_PRESENT})
 * @param targetNames the names a client may name as MsvAvTargetName besides the server's own NTLM and Kerberos names
 * and the loopback names:
 * SPNs ({@code host/alias.example.com}) or host names ({@code alias.example.com}, any service class), compared
 * case-insensitively
 */
public record NtlmAcceptorOptions(Duration maxClockSkew, TargetNameCheck targetNameCheck, Set<String> targetNames) {

	/** Five minutes of skew, target names checked when the client sends one. */
	public static final NtlmAcceptorOptions DEFAULTS = new NtlmAcceptorOptions(Duration.ofMinutes(5),
			TargetNameCheck.IF_PRESENT, Set.of());

	public NtlmAcceptorOptions {
		Objects.requireNonNull(maxClockSkew, "maxClockSkew");
		Objects.requireNonNull(targetNameCheck, "targetNameCheck");
		if (maxClockSkew.isNegative() || maxClockSkew.isZero()) {
			throw new IllegalArgumentException("NTLM maximum clock skew must be positive, not " + maxClockSkew);
		}
		targetNames = Set.copyOf(new LinkedHashSet<>(targetNames));
		for (String name : targetNames) {
			NtlmNames.requireClean(name, "NTLM target name");
		}
	}

	/**
	 * Return a copy with another clock skew.
	 * @param skew the skew
	 * @return the options
	 */
	public NtlmAcceptorOptions withMaxClockSkew(Duration skew) {
		return new NtlmAcceptorOptions(skew, this.targetNameCheck, this.targetNames);
	}

	/**
	 * Return a copy with another target name check.
	 * @param check the check
	 * @return the options
	 */
	public NtlmAcceptorOptions withTargetNameCheck(TargetNameCheck check) {
		return new NtlmAcceptorOptions(this.maxClockSkew, check, this.targetNames);
	}

	/**
	 * Return a copy with more accepted target names.
	 * @param names SPNs or host names
	 * @return the options
	 */
	public NtlmAcceptorOptions withTargetNames(Set<String> names) {
		Set<String> all = new LinkedHashSet<>(this.targetNames);
		all.addAll(names);
		return new NtlmAcceptorOptions(this.maxClockSkew, this.targetNameCheck, all);
	}

	/**
	 * What the acceptor does with the MsvAvTargetName of the client's NTLMv2 response (the SPN the client meant to
	 * authenticate to, protected by the response's proof). The levels are those of Windows' SPN target name
	 * validation ({@code SmbServerNameHardeningLevel} 0, 1, 2).
	 */
	public enum TargetNameCheck {

		/** Not checked (Windows' default for SMB, level 0). */
		OFF,

		/**
		 * Checked when the client sends a non-empty one: a name that is not the server's is refused, which stops an
		 * NTLM exchange meant for another server from being relayed here (level 1). Clients that send none pass.
		 */
		IF_PRESENT,

		/** Every named client must send one of the server's names (level 2). */
		REQUIRED

	}

}
