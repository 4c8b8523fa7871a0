package org.negotiatetcp.mechanism.spnego;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.Mechanism;
import org.negotiatetcp.mechanism.MechanismContext;

/**
 * A mechanism SPNEGO may negotiate, and how to start a fresh inner context for it (an initiator or an acceptor,
 * matching the SPNEGO context's role). Kerberos is offered and recognised under both of its object identifiers:
 * Microsoft's legacy 1.2.840.48018.1.2.2 first, as Windows lists them, then 1.2.840.113554.1.2.2.
 * @param mechanism the concrete mechanism
 * @param starter creates the inner context; it may throw a {@code MechanismException}
 */
record NegotiableMechanism(Mechanism mechanism, Supplier<MechanismContext> starter) {

	/**
	 * Create the descriptor, checking its components.
	 * @param mechanism the concrete mechanism
	 * @param starter creates the inner context
	 */
	public NegotiableMechanism {
		Objects.requireNonNull(mechanism, "mechanism");
		Objects.requireNonNull(starter, "starter");
	}

	/**
	 * Return the object identifiers this mechanism is offered under, in the order they are listed.
	 * @return the dotted OIDs
	 */
	public List<String> oids() {
		return oidsOf(this.mechanism);
	}

	/**
	 * Return the object identifiers a mechanism is known by in SPNEGO, in Windows' order.
	 * @param mechanism the mechanism
	 * @return the dotted OIDs
	 */
	public static List<String> oidsOf(Mechanism mechanism) {
		return switch (mechanism) {
			case KERBEROS -> List.of(Mechanism.MS_KERBEROS_OID, Mechanism.KERBEROS.oid());
			case NTLM -> List.of(Mechanism.NTLM.oid());
		};
	}

	/**
	 * Return the mechanism an object identifier in a MechTypeList stands for.
	 * @param oid the dotted OID
	 * @return the mechanism, or {@code null} for one this implementation does not know
	 */
	public static @Nullable Mechanism mechanismOf(String oid) {
		for (Mechanism mechanism : Mechanism.values()) {
			if (oidsOf(mechanism).contains(oid)) {
				return mechanism;
			}
		}
		return null;
	}

	MechanismContext start() {
		return this.starter.get();
	}

}
