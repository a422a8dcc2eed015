/** Shared pieces of the Starshipit rate operation tests. */

/** A shipment to Melbourne of one 2.5 kg package, as Get Quotes and Get Delivery Services take it. */
export const shipment = {
	destination: {
		address: {
			street: '1 Queen St',
			suburb: 'Melbourne',
			state: 'VIC',
			post_code: '3000',
			country: 'Australia',
		},
	},
	packages: { package: [{ weight: 2.5, length: 0.3, width: 0.2, height: 0.15 }] },
};
