package dev.desktopidentity.cache;

/**
 * The Windows data protection API (DPAPI) for the current user, which
 * {@link DpapiSecretStore} protects the cache key with; a test double elsewhere.
 */
interface WindowsDataProtection {

	/**
	 * Encrypt data so that only the current Windows user can decrypt it
	 * ({@code CryptProtectData} without UI).
	 * @param data the data
	 * @param entropy additional entropy, needed again to decrypt
	 * @param description a description stored in the blob, for people
	 * @return the protected blob
	 * @throws DataProtectionException if Windows refuses
	 */
	byte[] protect(byte[] data, byte[] entropy, String description) throws DataProtectionException;

	/**
	 * Decrypt a blob that {@link #protect} made ({@code CryptUnprotectData} without UI).
	 * @param blob the protected blob
	 * @param entropy the entropy it was protected with
	 * @return the data
	 * @throws DataProtectionException if Windows refuses or the blob is damaged
	 */
	byte[] unprotect(byte[] blob, byte[] entropy) throws DataProtectionException;

	/**
	 * Windows refused to protect or unprotect data.
	 */
	final class DataProtectionException extends Exception {

		private final int errorCode;

		/**
		 * Create a new instance.
		 * @param errorCode the Win32 error code or {@code HRESULT}
		 * @param message Windows' message for it
		 */
		DataProtectionException(int errorCode, String message) {
			super(message);
			this.errorCode = errorCode;
		}

		int errorCode() {
			return this.errorCode;
		}

	}

}
