import { Spin } from 'antd';

/** Shown while a lazily loaded page arrives. */
export function PageLoading() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: '64px 0' }}>
      <Spin size="large" />
    </div>
  );
}
