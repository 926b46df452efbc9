package app

// Sort and filter keys of the inventory lists (see ListQuery).

// The stock and reorder list (data.Store.ListInventory): one row per SKU
// with its reorder figures.
const (
	// InventorySortCover orders by days of FBA stock left, SKUs without
	// sales last: low stock first. The default.
	InventorySortCover    = "cover"
	InventorySortSKU      = "sku"
	InventorySortTitle    = "title"
	InventorySortStatus   = "status" // order now first, then by order-by date
	InventorySortVelocity = "velocity"
	InventorySortSupply   = "supply"
	InventorySortFBA      = "fba"
	InventorySortOrderBy  = "order_by"
	InventorySortStockout = "stockout"

	InventoryFilterStatus      = "status" // a planning.ReorderStatus
	InventoryFilterMarketplace = "marketplace"
	InventoryFilterBand        = "band" // a price band index, "0".."n"
	InventoryFilterSupplier    = "supplier"
	InventoryFilterMode        = "mode"
	// InventoryFilterNegative "1" keeps SKUs with a negative balance
	// somewhere.
	InventoryFilterNegative = "negative"
)

// The catalog list (data.Store.ListProducts).
const (
	ProductSortSKU      = "sku" // the default
	ProductSortTitle    = "title"
	ProductSortSupplier = "supplier"
	ProductSortPrice    = "price"

	ProductFilterMarketplace = "marketplace"
	ProductFilterSupplier    = "supplier"
	ProductFilterActive      = "active" // "1" or "0"
)

// The stock ledger (data.Store.ListMovements): movements and shipment
// legs.
const (
	MovementSortDay = "day" // the default, newest first
	MovementSortSKU = "sku"

	MovementFilterSKU      = "sku"
	MovementFilterLocation = "location"
	MovementFilterKind     = "kind"
)

// The shipment list (data.Store.ListShipments).
const (
	ShipmentSortDeparted = "departed" // the default, newest first; not yet departed first
	ShipmentSortRef      = "ref"
	ShipmentSortETA      = "eta"
	ShipmentSortMode     = "mode"

	ShipmentFilterStatus    = "status" // a ShipmentStatus
	ShipmentFilterMode      = "mode"
	ShipmentFilterForwarder = "forwarder"
	ShipmentFilterTo        = "to" // a location id
)

// The purchase order list (data.Store.ListPurchaseOrders).
const (
	POSortOrdered  = "ordered" // the default, newest first
	POSortNumber   = "number"
	POSortSupplier = "supplier"
	POSortDue      = "due" // production due

	POFilterStatus   = "status"
	POFilterSupplier = "supplier"
	// POFilterOpen "1" keeps the orders still bringing stock.
	POFilterOpen = "open"
)
