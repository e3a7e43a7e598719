/** E-forms in the studio (FORM-1): the designer, the page that hosts it, and the renderer. */
export { FormDesigner } from './FormDesigner';
export { ItemFormsPage } from './ItemFormsPage';
export { FormRenderer } from './FormRenderer';
export { submittedValues, toFormilySchema } from './formily-schema';
export * from './components';
