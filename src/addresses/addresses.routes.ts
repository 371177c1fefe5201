import { STAFF_ROLES } from '../domain.js';
import type { Api } from '../http/api.js';
import {
  AddressLookupQuery,
  AddressSuggestions,
  AddressSuggestQuery,
  FoundAddress,
  MapSettings,
} from './addresses.schema.js';
import type { AddressesService } from './addresses.service.js';

/** What the forms ask while a postcode and house number are typed: nothing is saved here. */
export function addressRoutes(api: Api, addresses: AddressesService): void {
  const tag = 'addresses';
  api.route(
    {
      method: 'get',
      path: '/addresses/lookup',
      summary: 'Where an address is, with its street, city and CBS neighbourhood (nothing saved)',
      tag,
      operationId: 'lookupAddress',
      errors: ['address_not_found', 'geocoder_unavailable'],
      roles: STAFF_ROLES,
      query: AddressLookupQuery,
      response: FoundAddress,
    },
    async ({ query }): Promise<FoundAddress> => {
      const place = await addresses.locate(query, { field: 'query' });
      return {
        address: {
          street: place.street,
          houseNumber: place.houseNumber,
          houseNumberAddition: place.houseNumberAddition,
          postcode: place.postcode,
          city: place.city,
        },
        location: place.location,
        locationSource: place.source,
        locationApproximate: place.approximate,
        neighbourhood: place.neighbourhood,
      };
    },
  );
  api.route(
    {
      method: 'get',
      path: '/addresses/suggest',
      summary: 'Addresses for a postcode being typed, perhaps with a house number',
      tag,
      operationId: 'suggestAddresses',
      roles: STAFF_ROLES,
      query: AddressSuggestQuery,
      response: AddressSuggestions,
    },
    ({ query }) => addresses.suggest(query.q),
  );
  api.route(
    {
      method: 'get',
      path: '/addresses/map',
      summary: 'Where the pages’ maps get their tiles, and the attribution to show',
      tag,
      operationId: 'getMapSettings',
      roles: STAFF_ROLES,
      response: MapSettings,
    },
    () => ({ tileUrl: addresses.tiles.url, attribution: addresses.tiles.attribution }),
  );
}
