/**
 * The credentials side of the harness: stores test credential values, resolves generic
 * `authenticate` expressions and runs `preAuthentication` the way n8n's CredentialsHelper does
 * (token fetched when the expirable field is empty, fetched again once after a 401, and the new
 * value written back to the store, as n8n writes it to its database).
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	ICredentialsExpressionResolveValues,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { n8nWorkflow } from './n8n.mts';

export interface StoredCredential {
	/** Credential type name, e.g. `cartonCloudApi`. */
	type: string;
	data: ICredentialDataDecryptedObject;
}

/** Credentials by id or name, as workflow JSON refers to them (`credentials: { type: { id, name } }`). */
export type CredentialStore = Record<string, StoredCredential>;

export interface CredentialEvents {
	preAuthentications: { type: string; expired: boolean }[];
}

export class TestCredentialsHelper extends n8nWorkflow.ICredentialsHelper {
	readonly events: CredentialEvents = { preAuthentications: [] };
	/** Every credential read fails until this moment (ms since epoch): n8n's database restarting (issue 25). */
	failReadsUntil = 0;
	failedReads = 0;

	constructor(
		private readonly store: CredentialStore,
		private readonly types: Record<string, ICredentialType>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.type(typeName).authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!authenticate) return requestOptions;
		const resolved = requestOptions as unknown as Record<string, Record<string, unknown>>;
		for (const [target, values] of Object.entries(authenticate.properties)) {
			resolved[target] = { ...(resolved[target] ?? {}) };
			for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
				resolved[target][key] = workflow.expression.getSimpleParameterValue(
					node,
					value as string,
					'internal',
					{ $credentials: credentials } as never,
					undefined,
					'',
				);
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable);
		if (!expirable || !type.preAuthentication) return undefined;
		// As n8n's CredentialsHelper: a credential test (the temporary No Operation node with an empty
		// `temp` parameter, see ./credentialTest.mts) always fetches a fresh token.
		const testing = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (
			credentials[expirable.name] !== '' &&
			credentials[expirable.name] !== undefined &&
			!credentialsExpired &&
			!testing
		)
			return undefined;
		this.events.preAuthentications.push({ type: typeName, expired: credentialsExpired });
		const output = (await type.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		const stored = this.findByCredentialData(typeName, credentials, node);
		if (stored) Object.assign(stored.data, output);
		return output;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		return type.preAuthentication
			? ((await type.preAuthentication.call(
					helpers,
					credentials,
				)) as ICredentialDataDecryptedObject)
			: undefined;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		throw new Error(`getCredentials is not used by the harness (${type} ${nodeCredentials.name})`);
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		_mode?: unknown,
		_executeData?: unknown,
		_raw?: boolean,
		_expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		if (Date.now() < this.failReadsUntil) {
			this.failedReads++;
			// What n8n's database driver says while PostgreSQL restarts.
			throw new Error('Connection terminated unexpectedly');
		}
		const stored = this.lookup(nodeCredentials, type);
		const defaults: ICredentialDataDecryptedObject = {};
		for (const property of this.getCredentialsProperties(type))
			defaults[property.name] = property.default as never;
		return { ...defaults, ...stored.data };
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		Object.assign(this.lookup(nodeCredentials, type).data, data);
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	private type(typeName: string): ICredentialType {
		const type = this.types[typeName];
		if (!type) throw new Error(`Unknown credential type ${typeName}`);
		return type;
	}

	private lookup(nodeCredentials: INodeCredentialsDetails, type: string): StoredCredential {
		const stored =
			(nodeCredentials.id && this.store[nodeCredentials.id]) || this.store[nodeCredentials.name];
		if (!stored)
			throw new Error(
				`No test credential "${nodeCredentials.name}" (id ${nodeCredentials.id ?? '-'})`,
			);
		if (stored.type !== type)
			throw new Error(`Credential "${nodeCredentials.name}" is a ${stored.type}, not a ${type}`);
		return stored;
	}

	/** The stored entry the node's credential points at, to persist a refreshed token into it. */
	private findByCredentialData(
		typeName: string,
		_credentials: ICredentialDataDecryptedObject,
		node: INode,
	): StoredCredential | undefined {
		const details = node.credentials?.[typeName];
		return details ? this.lookup(details, typeName) : undefined;
	}
}
