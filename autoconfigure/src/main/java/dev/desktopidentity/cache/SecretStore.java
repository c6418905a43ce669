package dev.desktopidentity.cache;

import org.jspecify.annotations.Nullable;

/**
 * One secret of the token cache in the operating system's secret store.
 */
interface SecretStore {

	/**
	 * Return the store's name for people, such as {@code Secret Service}.
	 * @return the name
	 */
	String name();

	/**
	 * Read the secret.
	 * @return the secret, or {@code null} if the store has none
	 * @throws SecretStoreException if the store does not answer or refuses
	 */
	byte @Nullable [] read() throws SecretStoreException;

	/**
	 * Create or replace the secret.
	 * @param secret the secret
	 * @throws SecretStoreException if the store does not answer or refuses
	 */
	void write(byte[] secret) throws SecretStoreException;

	/**
	 * Delete the secret, if there is one.
	 * @throws SecretStoreException if the store does not answer or refuses
	 */
	void delete() throws SecretStoreException;

}
