// @vitest-environment jsdom
// How an app tests a component that uses lazyflow: jsdom, @testing-library/react, MSW in Node.
import { describeSimulatedDom } from './testing/simulatedDomSuite.tsx';

describeSimulatedDom('jsdom');
