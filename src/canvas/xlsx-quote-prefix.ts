import type ExcelJS from 'exceljs';

/** The style key that asks for a quote prefix (not one of exceljs's own style properties). */
export const QUOTE_PREFIX = 'quotePrefix';

/** The parts of exceljs's style table (StylesXform) this relies on. */
interface StyleTable {
  addStyleModel(model: Record<string, unknown> | undefined, cellType?: number): number;
  _addStyle(style: object): number;
  map: { style: { toXml(model: object): string } };
  index: { style: Record<string, number> };
  model: { styles: string[] };
}

/**
 * Teaches one streaming workbook the `quotePrefix` attribute of a cell format
 * (`<xf quotePrefix="1">`), which exceljs does not write: a spreadsheet then keeps a cell that
 * begins with = + - @ as text even when someone edits it. exceljs keeps each cell format as
 * its XML, indexed by that XML, so a format with the attribute becomes an entry of its own.
 */
export function enableQuotePrefix(workbook: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const styles = (workbook as unknown as { styles: StyleTable }).styles;
  const addStyleModel = styles.addStyleModel.bind(styles);
  const addStyle = styles._addStyle.bind(styles);
  let quoted = false;
  styles.addStyleModel = (model, cellType) => {
    quoted = model?.[QUOTE_PREFIX] === true;
    try {
      return addStyleModel(model, cellType);
    } finally {
      quoted = false;
    }
  };
  styles._addStyle = (style) => {
    if (!quoted) return addStyle(style);
    const xml = styles.map.style.toXml(style).replace(/^<xf /, '<xf quotePrefix="1" ');
    let index = styles.index.style[xml];
    if (index === undefined) {
      index = styles.model.styles.length;
      styles.index.style[xml] = index;
      styles.model.styles.push(xml);
    }
    return index;
  };
}
