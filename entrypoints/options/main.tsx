import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../components/styles.css';
import { ImageSource } from '../../components/ScriptImages';
import { db } from '../../utils/db';
import { App } from './App';
import { startEditorSource } from './editor-client';

startEditorSource();

const loadImage = (hash: string) => db.images.get(hash).then((row) => row?.blob);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ImageSource.Provider value={loadImage}>
      <App />
    </ImageSource.Provider>
  </StrictMode>,
);
