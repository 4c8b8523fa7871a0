package org.negotiatetcp.identity;

/**
 * The name of the server principal handed to the security package, and how to interpret it.
 * @param name the name exactly as it goes to the package (no canonicalisation)
 * @param type whether it names a service or a user principal
 */
public record TargetName(String name, Type type) {

	/**
	 * How a target name is interpreted.
	 */
	public enum Type {

		/** A service principal name ({@code service/host[:port][/name][@REALM]}). */
		SERVICE_PRINCIPAL,

		/** A user principal name ({@code user@domain}). */
		USER_PRINCIPAL

	}

	/**
	 * A service principal name.
	 * @param spn the SPN
	 * @return the target name
	 */
	public static TargetName spn(String spn) {
		return new TargetName(spn, Type.SERVICE_PRINCIPAL);
	}

	/**
	 * A user principal name.
	 * @param upn the UPN
	 * @return the target name
	 */
	public static TargetName upn(String upn) {
		return new TargetName(upn, Type.USER_PRINCIPAL);
	}

	@Override
	public String toString() {
		return this.name;
	}

}
