// Koers on Azure, the usual hosting for a Teams bot:
//   - an Azure Bot registration with the Microsoft Teams channel, pointing at the container app;
//   - a Container App running the Koers image, its secrets read from Key Vault through a
//     user-assigned managed identity (no secret in the app's configuration or in this template's
//     outputs);
//   - PostgreSQL Flexible Server (Burstable), private: reachable only from the app's virtual network;
//   - Key Vault holding MicrosoftAppPassword, the Slack secrets and the database URL.
//
// Before: register an Entra ID app (single tenant) for the bot and make a client secret; its
// application id is microsoftAppId, the secret microsoftAppPassword. Push the image built from
// infra/Dockerfile to a registry.
//   az group create -n koers -l westeurope
//   az deployment group create -g koers -f infra/azure/main.bicep -p @infra/azure/main.parameters.json \
//     -p microsoftAppPassword=... postgresAdminPassword=... [enableSlack=true slackSigningSecret=... slackBotToken=...]
// After: `MicrosoftAppId=... npm run package:teams` and upload dist-teams/koers-teams.zip to Teams;
// for Slack, put the output slackRequestUrl in manifests/slack/manifest.yaml.
// The strategy file: Koers reads config/strategy.yaml from the image when present (else the bundled
// example), so build your image with your config/strategy.yaml in it.

targetScope = 'resourceGroup'

@description('Prefix of the resource names: lowercase letters, digits and hyphens.')
@minLength(3)
@maxLength(12)
param namePrefix string = 'koers'

@description('Region of everything but the bot registration (which is global).')
param location string = resourceGroup().location

@description('The Koers image, e.g. myregistry.azurecr.io/koers:0.1.0.')
param containerImage string

@description('Registry server to pull the image from with the managed identity (give it AcrPull); empty for a public image.')
param registryServer string = ''

@description('Application (client) id of the Entra ID app registration of the bot.')
param microsoftAppId string

@description('Client secret of that app registration.')
@secure()
param microsoftAppPassword string

@description('Tenant of the app registration (single-tenant bot).')
param microsoftAppTenantId string = tenant().tenantId

@description('Serve Slack as well (needs slackSigningSecret and slackBotToken).')
param enableSlack bool = false

@secure()
param slackSigningSecret string = ''

@secure()
param slackBotToken string = ''

param postgresAdminLogin string = 'koersadmin'

@secure()
param postgresAdminPassword string

@description('Instances are stateless; scheduled work is claimed once in the database, so any count is safe.')
@minValue(1)
param minReplicas int = 1

@minValue(1)
param maxReplicas int = 3

@allowed(['F0', 'S1'])
param botSku string = 'F0'

var suffix = uniqueString(resourceGroup().id, namePrefix)
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6' // built-in "Key Vault Secrets User"
var port = 3978

// --- identity and secrets ----------------------------------------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id'
  location: location
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${namePrefix}-kv-${take(suffix, 6)}'
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource appPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'microsoft-app-password'
  properties: { value: microsoftAppPassword }
}

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'database-url'
  properties: {
    // Azure's server certificates chain to public roots, so full verification works with Node's CAs.
    value: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/koers?sslmode=verify-full'
  }
}

resource slackSigningSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (enableSlack) {
  parent: vault
  name: 'slack-signing-secret'
  properties: { value: slackSigningSecret }
}

resource slackBotTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (enableSlack) {
  parent: vault
  name: 'slack-bot-token'
  properties: { value: slackBotToken }
}

// The app's identity may read secrets of this vault, nothing else.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// --- network -----------------------------------------------------------------------------

resource vnet 'Microsoft.Network/virtualNetworks@2023-11-01' = {
  name: '${namePrefix}-vnet'
  location: location
  properties: {
    addressSpace: { addressPrefixes: ['10.40.0.0/16'] }
    subnets: [
      {
        name: 'apps'
        properties: {
          addressPrefix: '10.40.0.0/23'
          delegations: [{ name: 'container-apps', properties: { serviceName: 'Microsoft.App/environments' } }]
        }
      }
      {
        name: 'postgres'
        properties: {
          addressPrefix: '10.40.2.0/24'
          delegations: [{ name: 'postgres', properties: { serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers' } }]
        }
      }
    ]
  }
}

resource postgresDns 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: '${namePrefix}.private.postgres.database.azure.com'
  location: 'global'
}

resource postgresDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: postgresDns
  name: '${namePrefix}-vnet-link'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: vnet.id }
  }
}

// --- database ----------------------------------------------------------------------------

// Private by default: the server lives in a delegated subnet with public network access disabled,
// so no firewall rule applies and nothing outside the virtual network can connect. If you must use
// public access instead, add firewallRules for named addresses only, never 0.0.0.0-255.255.255.255
// and not the "allow all Azure services" rule (that admits every Azure customer's resources).
resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${namePrefix}-pg-${suffix}'
  location: location
  sku: { name: 'Standard_B1ms', tier: 'Burstable' }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32, autoGrow: 'Enabled' }
    backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
    network: {
      delegatedSubnetResourceId: vnet.properties.subnets[1].id
      privateDnsZoneArmResourceId: postgresDns.id
      publicNetworkAccess: 'Disabled'
    }
  }
  dependsOn: [postgresDnsLink]
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: 'koers'
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

// --- the app -----------------------------------------------------------------------------

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource appEnvironment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
    vnetConfiguration: {
      infrastructureSubnetId: vnet.properties.subnets[0].id
      internal: false
    }
    workloadProfiles: [{ name: 'Consumption', workloadProfileType: 'Consumption' }]
  }
}

// Container Apps secrets that point at Key Vault (read with the user-assigned identity); names
// are what the containers' env entries refer to.
var platformSecrets = [
  { name: 'microsoft-app-password', keyVaultUrl: appPasswordSecret.properties.secretUri, identity: identity.id }
  { name: 'database-url', keyVaultUrl: databaseUrlSecret.properties.secretUri, identity: identity.id }
]

var slackSecrets = enableSlack ? [
  { name: 'slack-signing-secret', keyVaultUrl: '${vault.properties.vaultUri}secrets/slack-signing-secret', identity: identity.id }
  { name: 'slack-bot-token', keyVaultUrl: '${vault.properties.vaultUri}secrets/slack-bot-token', identity: identity.id }
] : []

var platformEnv = [
  { name: 'PORT', value: string(port) }
  { name: 'KOERS_DATABASE_URL', secretRef: 'database-url' }
  { name: 'MicrosoftAppId', value: microsoftAppId }
  { name: 'MicrosoftAppPassword', secretRef: 'microsoft-app-password' }
  { name: 'MicrosoftAppTenantId', value: microsoftAppTenantId }
  { name: 'MicrosoftAppType', value: 'SingleTenant' }
  { name: 'LOG_LEVEL', value: 'info' }
]

var slackEnv = enableSlack ? [
  { name: 'SLACK_SIGNING_SECRET', secretRef: 'slack-signing-secret' }
  { name: 'SLACK_BOT_TOKEN', secretRef: 'slack-bot-token' }
] : []

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: '${namePrefix}-app'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    managedEnvironmentId: appEnvironment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: port
        transport: 'auto'
        allowInsecure: false
      }
      secrets: concat(platformSecrets, slackSecrets)
      registries: empty(registryServer) ? [] : [{ server: registryServer, identity: identity.id }]
    }
    template: {
      containers: [
        {
          name: 'koers'
          image: containerImage
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: concat(platformEnv, slackEnv)
          probes: [
            { type: 'Liveness', httpGet: { path: '/healthz', port: port }, periodSeconds: 30 }
            { type: 'Readiness', httpGet: { path: '/readyz', port: port }, periodSeconds: 10 }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [{ name: 'http', http: { metadata: { concurrentRequests: '50' } } }]
      }
    }
  }
  // The identity must be allowed to read the secrets before the first revision starts.
  dependsOn: [secretsUser, slackSigningSecretSecret, slackBotTokenSecret, database]
}

// --- the bot -----------------------------------------------------------------------------

var messagingEndpoint = 'https://${app.properties.configuration.ingress.fqdn}/api/messages'

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: 'Koers'
    endpoint: messagingEndpoint
    msaAppId: microsoftAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: microsoftAppTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true, enableCalling: false }
  }
}

output messagingEndpoint string = messagingEndpoint
output slackRequestUrl string = 'https://${app.properties.configuration.ingress.fqdn}/slack/events'
output keyVaultName string = vault.name
output postgresServer string = postgres.properties.fullyQualifiedDomainName
output botName string = bot.name
